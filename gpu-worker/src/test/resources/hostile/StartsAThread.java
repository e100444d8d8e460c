import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Starts a thread of its own. */
public final class StartsAThread extends TokenMixer {
    public StartsAThread(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        new Thread(() -> { }).start();
        return x;
    }
}
