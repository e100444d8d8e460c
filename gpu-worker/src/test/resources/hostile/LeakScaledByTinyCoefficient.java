import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;
import dev.asiarch.kernels.Weight;

/** The next token scaled by a learned coefficient of 1e-6: below any tolerance at initial weights. */
public final class LeakScaledByTinyCoefficient extends TokenMixer {
    private final Dense proj;
    private final Weight scale;

    public LeakScaledByTinyCoefficient(int dim) {
        super(dim);
        proj = dense("proj", dim, dim);
        scale = constant("scale", 1e-6f, dim);
    }

    /** Input t+1 at position t (zeros at the last): the next token. */
    private static NDArray next(NDArray x) {
        return NDArrays.concat(new NDList(x.get(":, 1:"), x.get(":, -1:").zerosLike()), 1);
    }

    @Override
    protected NDArray mix(NDArray x) {
        return proj.apply(x).add(next(x).mul(scale.get()));
    }
}
