import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

/** Causal softmax attention that closes its T x T temporaries itself before returning. */
public final class QuadraticClosesItsTemporaries extends TokenMixer {
    private final Dense q;
    private final Dense k;

    public QuadraticClosesItsTemporaries(int dim) {
        super(dim);
        q = dense("q", dim, dim);
        k = dense("k", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        long time = x.getShape().get(1);
        try (NDArray positions = x.getManager().arange((float) time);
             NDArray mask = positions.expandDims(1).gte(positions.expandDims(0)).toType(DataType.FLOAT32, false);
             NDArray scores = q.apply(x).matMul(k.apply(x).transpose(0, 2, 1));
             NDArray weights = scores.sub(mask.neg().add(1f).mul(1e9f)).softmax(-1)) {
            return weights.matMul(x);
        }
    }
}
