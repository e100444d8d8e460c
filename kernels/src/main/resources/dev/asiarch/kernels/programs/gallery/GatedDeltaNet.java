import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.GatedDeltaRule;
import dev.asiarch.kernels.HeadGate;
import dev.asiarch.kernels.HeadProjection;
import dev.asiarch.kernels.Heads;
import dev.asiarch.kernels.RmsNorm;
import dev.asiarch.kernels.TokenMixer;
import dev.asiarch.kernels.Weight;

/**
 * Gated DeltaNet (Yang et al., 2025): DeltaNet's delta-rule memory, plus a data-dependent decay
 * alpha_t = exp(-softplus(Linear(x) + b) * exp(a_log)) per head that lets the memory forget before each
 * write, plus an output gate: the per-head RMSNorm of the read is multiplied by SiLU(Linear(x)) before
 * the output projection. The decay starts near 0.95 (b = -3, a_log = 0), inside the published range.
 * Departure: a_log starts at zero in every head rather than drawn per head.
 */
public final class GatedDeltaNet extends TokenMixer {

    private static final int HEADS = 4;
    private static final int CHUNK = 32;
    private static final int CONV_TAPS = 4;
    /** softplus(-3) = 0.049, so alpha starts near exp(-0.049) = 0.95. */
    private static final float DECAY_BIAS = -3f;

    private final HeadProjection q = heads("q", HEADS).conv(CONV_TAPS).activation(Activations::silu).l2();
    private final HeadProjection k = heads("k", HEADS).conv(CONV_TAPS).activation(Activations::silu).l2();
    private final HeadProjection v = heads("v", HEADS).conv(CONV_TAPS).activation(Activations::silu);
    private final HeadGate beta = headGate("beta", HEADS, 0f);
    private final HeadGate decayRate = headGate("decay", HEADS, DECAY_BIAS).activation(Activations::softplus);
    private final Weight aLog = constant("a_log", 0f, HEADS);
    private final RmsNorm norm = rmsNorm("norm", dim() / HEADS);
    private final Dense gate = dense("gate", dim(), dim());
    private final Dense out = dense("out", dim(), dim());

    public GatedDeltaNet(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray logDecay = decayRate.apply(x).mul(aLog.get().exp().reshape(HEADS, 1)).neg();
        NDArray memory = GatedDeltaRule.chunked(q.apply(x), k.apply(x), v.apply(x), beta.apply(x), logDecay, CHUNK);
        return out.apply(Heads.merge(norm.apply(memory)).mul(Activations.silu(gate.apply(x))));
    }
}
