import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

public final class PeekNext extends TokenMixer {
    private final Dense proj;

    public PeekNext(int dim) {
        super(dim);
        proj = dense("proj", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray shifted = NDArrays.concat(new NDList(x.get(":, 1:"), x.get(":, -1:")), 1);
        return proj.apply(shifted);
    }
}
