import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

public final class Broken extends TokenMixer {
    public Broken(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        return x.frobnicate();
    }
}
