import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

/**
 * Causal softmax attention whose T x T scores live in a sub-manager closed before mix returns: no
 * array of quadratic size is still open afterwards, which is all the old check counted.
 */
public final class QuadraticInSubManager extends TokenMixer {
    private final Dense q;
    private final Dense k;

    public QuadraticInSubManager(int dim) {
        super(dim);
        q = dense("q", dim, dim);
        k = dense("k", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDManager outer = x.getManager();
        try (NDManager scratch = outer.newSubManager()) {
            NDArray queries = q.apply(x);
            NDArray keys = k.apply(x);
            queries.attach(scratch);
            keys.attach(scratch);
            long time = x.getShape().get(1);
            NDArray positions = scratch.arange((float) time);
            NDArray mask = positions.expandDims(1).gte(positions.expandDims(0)).toType(DataType.FLOAT32, false);
            NDArray scores = queries.matMul(keys.transpose(0, 2, 1)).div((float) Math.sqrt(dim()));
            NDArray weights = scores.sub(mask.neg().add(1f).mul(1e9f)).softmax(-1);
            NDArray out = weights.matMul(x);
            out.attach(outer);
            return out;
        }
    }
}
