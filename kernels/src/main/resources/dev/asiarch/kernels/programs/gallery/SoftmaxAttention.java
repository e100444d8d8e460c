import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.HeadProjection;
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

    private final HeadProjection q = heads("q", HEADS).conv(CONV_TAPS).activation(Activations::silu);
    private final HeadProjection k = heads("k", HEADS).conv(CONV_TAPS).activation(Activations::silu);
    private final HeadProjection v = heads("v", HEADS).conv(CONV_TAPS).activation(Activations::silu);
    private final Dense out = dense("out", dim(), dim());

    public SoftmaxAttention(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        // The kernel class shares this program's name, so it is called by its full name.
        NDArray attended = dev.asiarch.kernels.SoftmaxAttention.causal(q.apply(x), k.apply(x), v.apply(x));
        return out.apply(Heads.merge(attended));
    }
}
