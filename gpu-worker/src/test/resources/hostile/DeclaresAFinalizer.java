import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** A finalizer: candidate code the JVM runs on its own thread whenever it collects the mixer. */
public final class DeclaresAFinalizer extends TokenMixer {
    private int collected;

    public DeclaresAFinalizer(int dim) {
        super(dim);
    }

    @Override
    @SuppressWarnings("deprecation")
    protected void finalize() {
        collected++;
    }

    @Override
    protected NDArray mix(NDArray x) {
        return x;
    }
}
