import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

/** Reads the next token at odd positions only; every position the old checks perturbed after was even. */
public final class PeeksAtOddPositions extends TokenMixer {
    private final Dense proj;

    public PeeksAtOddPositions(int dim) {
        super(dim);
        proj = dense("proj", dim, dim);
    }

    /** Input t+1 at position t (zeros at the last): the next token. */
    private static NDArray next(NDArray x) {
        return NDArrays.concat(new NDList(x.get(":, 1:"), x.get(":, -1:").zerosLike()), 1);
    }

    @Override
    protected NDArray mix(NDArray x) {
        long time = x.getShape().get(1);
        float[] odd = new float[(int) time];
        for (int t = 1; t < odd.length; t += 2) {
            odd[t] = 1f;
        }
        NDArray mask = x.getManager().create(odd, new ai.djl.ndarray.types.Shape(1, time, 1));
        return proj.apply(x).add(next(x).mul(mask));
    }
}
