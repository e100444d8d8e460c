import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Tries to throw an exception whose cause chain loops (a caused by b caused by a). */
public final class MakesACyclicCause extends TokenMixer {

    public MakesACyclicCause(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b", a);
        a.initCause(b);
        throw a;
    }
}
