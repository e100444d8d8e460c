import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.CausalFir;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.Heads;
import dev.asiarch.kernels.Norm;
import dev.asiarch.kernels.RmsNorm;
import dev.asiarch.kernels.TokenMixer;

/**
 * Causal linear attention (Katharopoulos et al.): each head keeps a running sum of outer products
 * k_t v_t^T and reads it with q_t, so memory only ever accumulates, nothing is overwritten or
 * forgotten. Queries and keys go through a short causal convolution and SiLU (the feature map) and are
 * L2-normalised; the per-head RMSNorm after the read replaces the usual division by q.sum(k), which is
 * the common modern practice. It differs from the seed DeltaNet only in its update rule.
 */
public final class LinearAttention extends TokenMixer {

    private static final int HEADS = 4;
    private static final int CHUNK = 32;
    private static final int CONV_TAPS = 4;

    private final Dense q;
    private final Dense k;
    private final Dense v;
    private final CausalFir qConv;
    private final CausalFir kConv;
    private final CausalFir vConv;
    private final RmsNorm norm;
    private final Dense out;

    public LinearAttention(int dim) {
        super(dim);
        q = dense("q", dim, dim);
        k = dense("k", dim, dim);
        v = dense("v", dim, dim);
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
        // The kernel class shares this program's name, so it is called by its full name.
        NDArray memory = dev.asiarch.kernels.LinearAttention.chunked(queries, keys, values, CHUNK);
        return out.apply(Heads.merge(norm.apply(memory)));
    }
}
