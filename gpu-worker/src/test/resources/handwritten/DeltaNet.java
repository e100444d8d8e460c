import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.CausalFir;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.DeltaRule;
import dev.asiarch.kernels.Heads;
import dev.asiarch.kernels.Norm;
import dev.asiarch.kernels.RmsNorm;
import dev.asiarch.kernels.TokenMixer;

/**
 * DeltaNet, the seed of every campaign: per-head delta-rule memory over L2-normalised keys, with
 * short causal convolutions and SiLU on q, k and v, a sigmoid write strength beta per head and token,
 * computed chunkwise; then a per-head RMSNorm and the output projection.
 */
public final class DeltaNet extends TokenMixer {

    private static final int HEADS = 4;
    private static final int CHUNK = 32;
    private static final int CONV_TAPS = 4;

    private final Dense q;
    private final Dense k;
    private final Dense v;
    private final Dense beta;
    private final CausalFir qConv;
    private final CausalFir kConv;
    private final CausalFir vConv;
    private final RmsNorm norm;
    private final Dense out;

    public DeltaNet(int dim) {
        super(dim);
        q = dense("q", dim, dim);
        k = dense("k", dim, dim);
        v = dense("v", dim, dim);
        beta = dense("beta", dim, HEADS, 0f);
        qConv = fir("q_conv", dim, CONV_TAPS);
        kConv = fir("k_conv", dim, CONV_TAPS);
        vConv = fir("v_conv", dim, CONV_TAPS);
        norm = rmsNorm("norm", dim / HEADS);
        out = dense("out", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray queries = Norm.l2(Heads.split(Activations.silu(qConv.apply(q.apply(x))), HEADS));
        NDArray keys = Norm.l2(Heads.split(Activations.silu(kConv.apply(k.apply(x))), HEADS));
        NDArray values = Heads.split(Activations.silu(vConv.apply(v.apply(x))), HEADS);
        NDArray writeStrength = Heads.perHead(Activations.sigmoid(beta.apply(x)));
        NDArray memory = DeltaRule.chunked(queries, keys, values, writeStrength, CHUNK);
        return out.apply(Heads.merge(norm.apply(memory)));
    }
}
