import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

public final class Narrow extends TokenMixer {
    private final Dense proj;

    public Narrow(int dim) {
        super(dim);
        proj = dense("proj", dim, dim / 2);
    }

    @Override
    protected NDArray mix(NDArray x) {
        return proj.apply(x);
    }
}
