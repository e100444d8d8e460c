import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.HeadProjection;
import dev.asiarch.kernels.Heads;
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

    private final HeadProjection q = heads("q", HEADS).conv(CONV_TAPS).activation(Activations::silu).l2();
    private final HeadProjection k = heads("k", HEADS).conv(CONV_TAPS).activation(Activations::silu).l2();
    private final HeadProjection v = heads("v", HEADS).conv(CONV_TAPS).activation(Activations::silu);
    private final RmsNorm norm = rmsNorm("norm", dim() / HEADS);
    private final Dense out = dense("out", dim(), dim());

    public LinearAttention(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        // The kernel class shares this program's name, so it is called by its full name.
        NDArray memory = dev.asiarch.kernels.LinearAttention.chunked(q.apply(x), k.apply(x), v.apply(x), CHUNK);
        return out.apply(Heads.merge(norm.apply(memory)));
    }
}
