import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.CausalFir;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.GatedDeltaRule;
import dev.asiarch.kernels.Heads;
import dev.asiarch.kernels.Norm;
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

    private final Dense q;
    private final Dense k;
    private final Dense v;
    private final Dense beta;
    private final Dense decayRate;
    private final Weight aLog;
    private final CausalFir qConv;
    private final CausalFir kConv;
    private final CausalFir vConv;
    private final RmsNorm norm;
    private final Dense gate;
    private final Dense out;

    public GatedDeltaNet(int dim) {
        super(dim);
        q = dense("q", dim, dim);
        k = dense("k", dim, dim);
        v = dense("v", dim, dim);
        beta = dense("beta", dim, HEADS, 0f);
        decayRate = dense("decay", dim, HEADS, DECAY_BIAS);
        aLog = constant("a_log", 0f, HEADS);
        qConv = fir("q_conv", dim, CONV_TAPS);
        kConv = fir("k_conv", dim, CONV_TAPS);
        vConv = fir("v_conv", dim, CONV_TAPS);
        norm = rmsNorm("norm", dim / HEADS);
        gate = dense("gate", dim, dim);
        out = dense("out", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray queries = Norm.l2(Heads.split(Activations.silu(qConv.apply(q.apply(x))), HEADS));
        NDArray keys = Norm.l2(Heads.split(Activations.silu(kConv.apply(k.apply(x))), HEADS));
        NDArray values = Heads.split(Activations.silu(vConv.apply(v.apply(x))), HEADS);
        NDArray writeStrength = Heads.perHead(Activations.sigmoid(beta.apply(x)));
        NDArray logDecay = Heads.perHead(Activations.softplus(decayRate.apply(x)).mul(aLog.get().exp()).neg());
        NDArray memory = GatedDeltaRule.chunked(queries, keys, values, writeStrength, logDecay, CHUNK);
        NDArray gated = Heads.merge(norm.apply(memory)).mul(Activations.silu(gate.apply(x)));
        return out.apply(gated);
    }
}
