import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

/**
 * One channel a million times louder than the rest, so that a tolerance relative to the largest
 * output hides the next token read into every other channel at a hundredth of their scale.
 */
public final class LoudChannelHidesLeak extends TokenMixer {
    private final Dense proj;

    public LoudChannelHidesLeak(int dim) {
        super(dim);
        proj = dense("proj", dim, dim);
    }

    /** Input t+1 at position t (zeros at the last): the next token. */
    private static NDArray next(NDArray x) {
        return NDArrays.concat(new NDList(x.get(":, 1:"), x.get(":, -1:").zerosLike()), 1);
    }

    @Override
    protected NDArray mix(NDArray x) {
        long dim = x.getShape().get(2);
        float[] loud = new float[(int) dim];
        loud[0] = 1e6f;
        NDArray louder = x.getManager().create(loud, new ai.djl.ndarray.types.Shape(1, 1, dim));
        return proj.apply(x).add(next(x).mul(0.01f)).add(x.mul(louder));
    }
}
