import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Reaches for sun.misc.Unsafe. */
public final class UsesUnsafe extends TokenMixer {
    public UsesUnsafe(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        Object unsafe = sun.misc.Unsafe.class;
        return x;
    }
}
