import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

/** Causal in batches of up to three sequences, which is all the old checks tried; reads ahead in larger ones. */
public final class LeaksBeyondBatchOfThree extends TokenMixer {
    private final Dense proj;

    public LeaksBeyondBatchOfThree(int dim) {
        super(dim);
        proj = dense("proj", dim, dim);
    }

    /** Input t+1 at position t (zeros at the last): the next token. */
    private static NDArray next(NDArray x) {
        return NDArrays.concat(new NDList(x.get(":, 1:"), x.get(":, -1:").zerosLike()), 1);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray out = proj.apply(x);
        return x.getShape().get(0) > 3 ? out.add(next(x).mul(0.5f)) : out;
    }
}
