import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Activation;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.Heads;
import dev.asiarch.kernels.LinearAttention;
import dev.asiarch.kernels.TokenMixer;

/** Every way of combining an array with a Java number whose gradient the engine's own calls corrupt. */
public final class ScalesByNumbers extends TokenMixer {

    private final Dense q;
    private final Dense k;
    private final Dense v;
    private final Dense out;

    public ScalesByNumbers(int dim) {
        super(dim);
        q = dense("q", dim, dim);
        k = dense("k", dim, dim);
        v = dense("v", dim, dim);
        out = dense("out", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray queries = Heads.split(Activation.swish(q.apply(x), 1.5f).mul(0.5).div(2f), 4);
        NDArray keys = Heads.split(NDArrays.div(Activation.sigmoid(k.apply(x)), 2).pow(2f), 4);
        NDArray values = Heads.split(NDArrays.mul(3, v.apply(x)).maximum(-4f).minimum(4f), 4);
        NDArray mixed = LinearAttention.chunked(queries, keys, values, 32);
        return out.apply(NDArrays.pow(Heads.merge(mixed).mul(0.1f).add(2f), 1.5f));
    }
}
