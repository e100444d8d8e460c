import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Runs work on a thread pool. */
public final class SubmitsToAnExecutor extends TokenMixer {
    public SubmitsToAnExecutor(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> 1);
        return x;
    }
}
