import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Inspects its own class reflectively. */
public final class InspectsItsOwnClass extends TokenMixer {
    public InspectsItsOwnClass(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        int fields = getClass().getDeclaredFields().length;
        return x;
    }
}
