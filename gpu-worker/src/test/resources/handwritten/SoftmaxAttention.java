import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.CausalFir;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.Heads;
import dev.asiarch.kernels.TokenMixer;

/**
 * Multi-head causal softmax attention, the Transformer's mixer: every token attends to all earlier
 * tokens with weights softmax(q.k / sqrt(d)). Quadratic in length, so it is a reference point for the
 * gallery and never an acceptable candidate. The byte model around a mixer has no position embedding,
 * so a short causal convolution (4 taps) with SiLU on q, k and v stands in for positions, as it does
 * in the recurrent entries; a plain Transformer would use rotary or learned positions instead.
 */
public final class SoftmaxAttention extends TokenMixer {

    private static final int HEADS = 4;
    private static final int CONV_TAPS = 4;

    private final Dense q;
    private final Dense k;
    private final Dense v;
    private final CausalFir qConv;
    private final CausalFir kConv;
    private final CausalFir vConv;
    private final Dense out;

    public SoftmaxAttention(int dim) {
        super(dim);
        q = dense("q", dim, dim);
        k = dense("k", dim, dim);
        v = dense("v", dim, dim);
        qConv = fir("q_conv", dim, CONV_TAPS);
        kConv = fir("k_conv", dim, CONV_TAPS);
        vConv = fir("v_conv", dim, CONV_TAPS);
        out = dense("out", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray queries = Heads.split(Activations.silu(qConv.apply(q.apply(x))), HEADS);
        NDArray keys = Heads.split(Activations.silu(kConv.apply(k.apply(x))), HEADS);
        NDArray values = Heads.split(Activations.silu(vConv.apply(v.apply(x))), HEADS);
        // The kernel class shares this program's name, so it is called by its full name.
        NDArray attended = dev.asiarch.kernels.SoftmaxAttention.causal(queries, keys, values);
        return out.apply(Heads.merge(attended));
    }
}
