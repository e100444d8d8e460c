import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.GatedLinearAttention;
import dev.asiarch.kernels.HeadGate;
import dev.asiarch.kernels.HeadProjection;
import dev.asiarch.kernels.Heads;
import dev.asiarch.kernels.RmsNorm;
import dev.asiarch.kernels.TokenMixer;
import dev.asiarch.kernels.Weight;

/**
 * A Mamba2-style selective state space mixer (Dao and Gu, 2024), written in its linear-attention
 * form: per head a state of STATE x head-width entries decays by exp(-exp(a_log) dt_t), with a step
 * size dt_t = softplus(Linear(x) + dt_bias) chosen per token; inputs B_t dt_t (keys) write the values
 * x_t, readouts C_t (queries) read the state; a per-head skip D x_t is added. x, B and C pass through
 * a 4-tap causal convolution and SiLU. The output is normalised and gated by SiLU(z) and projected.
 * Departures: no expansion (the inner width is the model width, not twice it), B and C are per head
 * rather than shared by a group of heads, the state size is 16, and RMSNorm is applied after the
 * SiLU(z) gate over the whole width (Mamba2's gated RMSNorm) rather than per head.
 */
public final class Mamba2 extends TokenMixer {

    private static final int HEADS = 4;
    private static final int STATE = 16;
    private static final int CHUNK = 32;
    private static final int CONV_TAPS = 4;
    /** softplus(-3) = 0.049: the step size starts inside Mamba's usual [0.001, 0.1]. */
    private static final float DT_BIAS = -3f;

    private final HeadProjection inputs = heads("x", HEADS).conv(CONV_TAPS).activation(Activations::silu);
    private final Dense gate = dense("z", dim(), dim());
    private final HeadProjection inputMap = heads("b", HEADS, HEADS * STATE).conv(CONV_TAPS)
            .activation(Activations::silu);
    private final HeadProjection readout = heads("c", HEADS, HEADS * STATE).conv(CONV_TAPS)
            .activation(Activations::silu);
    private final HeadGate stepSize = headGate("dt", HEADS, DT_BIAS).activation(Activations::softplus);
    private final Weight aLog = constant("a_log", 0f, HEADS);
    private final Weight skip = constant("d", 1f, HEADS, 1, 1);
    private final RmsNorm norm = rmsNorm("norm", dim());
    private final Dense out = dense("out", dim(), dim());

    public Mamba2(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray values = inputs.apply(x);
        NDArray dt = stepSize.apply(x);                                                    // [B, H, T]
        NDArray logDecay = dt.mul(aLog.get().exp().reshape(HEADS, 1)).neg();
        NDArray keys = inputMap.apply(x).mul(dt.expandDims(-1));
        NDArray scanned = GatedLinearAttention.chunked(readout.apply(x), keys, values, logDecay, CHUNK);
        NDArray y = Heads.merge(scanned.add(values.mul(skip.get())));
        return out.apply(norm.apply(y.mul(Activations.silu(gate.apply(x)))));
    }
}
