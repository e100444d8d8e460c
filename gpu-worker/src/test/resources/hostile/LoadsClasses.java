import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Reaches for a class loader. */
public final class LoadsClasses extends TokenMixer {
    public LoadsClasses(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return x;
    }
}
