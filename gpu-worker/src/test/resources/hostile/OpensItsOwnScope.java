import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

/** Opens a memory scope of its own, where the arrays it creates are out of the framework's sight. */
public final class OpensItsOwnScope extends TokenMixer {
    private final Dense proj;

    public OpensItsOwnScope(int dim) {
        super(dim);
        proj = dense("proj", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        try (NDScope scope = new NDScope()) {
            NDArray out = proj.apply(x);
            NDScope.unregister(out);
            return out;
        }
    }
}
