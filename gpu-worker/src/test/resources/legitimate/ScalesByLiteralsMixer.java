import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Activation;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.Heads;
import dev.asiarch.kernels.LinearAttention;
import dev.asiarch.kernels.TokenMixer;

/**
 * Linear attention that scales by Java numbers everywhere a model would write it: mul, div, pow with
 * literals, the NDArrays helpers, swish with a beta and a scaled gradient.
 */
public final class ScalesByLiteralsMixer extends TokenMixer {

    private static final int HEADS = 4;
    private final Dense q;
    private final Dense k;
    private final Dense v;
    private final Dense out;

    public ScalesByLiteralsMixer(int dim) {
        super(dim);
        q = dense("q", dim, dim);
        k = dense("k", dim, dim);
        v = dense("v", dim, dim);
        out = dense("out", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        double scale = 1.0 / Math.sqrt(dim() / HEADS);
        NDArray queries = Heads.split(Activation.swish(q.apply(x), 1.5f).mul(scale), HEADS);
        NDArray keys = Heads.split(NDArrays.div(Activation.sigmoid(k.apply(x)), 2), HEADS);
        NDArray values = Heads.split(v.apply(x).pow(2f).add(1f).pow(0.5).scaleGradient(0.5), HEADS);
        NDArray mixed = LinearAttention.chunked(queries, keys, values, 32).div(8f);
        return out.apply(NDArrays.mul(Heads.merge(mixed), 3)).maximum(-50f).minimum(50f);
    }
}
