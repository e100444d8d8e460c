import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

/** Causal, but it builds the full T x T score matrix: quadratic time and memory in length. */
public final class MaskedQuadraticAttention extends TokenMixer {
    private final Dense q;
    private final Dense k;

    public MaskedQuadraticAttention(int dim) {
        super(dim);
        q = dense("q", dim, dim);
        k = dense("k", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDManager manager = x.getManager();
        long time = x.getShape().get(1);
        NDArray positions = manager.arange((float) time);
        NDArray mask = positions.expandDims(1).gte(positions.expandDims(0)).toType(DataType.FLOAT32, false);
        NDArray scores = q.apply(x).matMul(k.apply(x).transpose(0, 2, 1)).div(Math.sqrt(dim()));
        NDArray weights = scores.exp().mul(mask);
        return weights.div(weights.sum(new int[] {2}, true).add(1e-6f)).matMul(x);
    }
}
