import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

/**
 * Causal through every check, then reads the next token for good once it has seen twenty-five calls of
 * one shape in a row, which training does and checks (many shapes, from the first call) never do:
 * only the trained model shows the leak. Instance fields keep the count, which the allow-list
 * permits (mixers cache things).
 */
public final class LeaksOnceTrainingStarts extends TokenMixer {
    private final Dense proj;
    private long shape = -1;
    private int sameShapeCalls;

    public LeaksOnceTrainingStarts(int dim) {
        super(dim);
        proj = dense("proj", dim, dim);
    }

    /** Input t+1 at position t (zeros at the last): the next token. */
    private static NDArray next(NDArray x) {
        return NDArrays.concat(new NDList(x.get(":, 1:"), x.get(":, -1:").zerosLike()), 1);
    }

    @Override
    protected NDArray mix(NDArray x) {
        long current = x.getShape().get(0) * 100_000 + x.getShape().get(1);
        if (shape == -1 || sameShapeCalls <= 25) {
            sameShapeCalls = current == shape || shape == -1 ? sameShapeCalls + 1 : -1_000_000;
            shape = current;
        }
        NDArray out = proj.apply(x);
        return sameShapeCalls > 25 ? out.add(next(x)) : out;
    }
}
