import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.CausalFir;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.GatedLinearAttention;
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

    private final Dense inputs;
    private final Dense gate;
    private final Dense inputMap;
    private final Dense readout;
    private final Dense stepSize;
    private final CausalFir inputConv;
    private final CausalFir inputMapConv;
    private final CausalFir readoutConv;
    private final Weight aLog;
    private final Weight skip;
    private final RmsNorm norm;
    private final Dense out;

    public Mamba2(int dim) {
        super(dim);
        inputs = dense("x", dim, dim);
        gate = dense("z", dim, dim);
        inputMap = dense("b", dim, HEADS * STATE);
        readout = dense("c", dim, HEADS * STATE);
        stepSize = dense("dt", dim, HEADS, DT_BIAS);
        inputConv = fir("x_conv", dim, CONV_TAPS);
        inputMapConv = fir("b_conv", HEADS * STATE, CONV_TAPS);
        readoutConv = fir("c_conv", HEADS * STATE, CONV_TAPS);
        aLog = constant("a_log", 0f, HEADS);
        skip = constant("d", 1f, HEADS, 1, 1);
        norm = rmsNorm("norm", dim);
        out = dense("out", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray values = Heads.split(Activations.silu(inputConv.apply(inputs.apply(x))), HEADS);
        NDArray keys = Heads.split(Activations.silu(inputMapConv.apply(inputMap.apply(x))), HEADS);
        NDArray queries = Heads.split(Activations.silu(readoutConv.apply(readout.apply(x))), HEADS);
        NDArray dt = Heads.perHead(Activations.softplus(stepSize.apply(x)));              // [B, H, T]
        NDArray logDecay = dt.mul(aLog.get().exp().reshape(HEADS, 1)).neg();
        NDArray scanned = GatedLinearAttention.chunked(queries, keys.mul(dt.expandDims(-1)), values, logDecay, CHUNK);
        NDArray y = Heads.merge(scanned.add(values.mul(skip.get())));
        return out.apply(norm.apply(y.mul(Activations.silu(gate.apply(x)))));
    }
}
