import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Fails with an exception of its own the first time it mixes. */
public final class ThrowsOnUse extends TokenMixer {
    public ThrowsOnUse(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        throw new IllegalStateException("state of the memory was never initialised");
    }
}
