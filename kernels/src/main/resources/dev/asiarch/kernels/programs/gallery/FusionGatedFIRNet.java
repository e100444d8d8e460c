import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.CausalFir;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.GatedDeltaRule;
import dev.asiarch.kernels.HeadGate;
import dev.asiarch.kernels.HeadProjection;
import dev.asiarch.kernels.Heads;
import dev.asiarch.kernels.PathStatistics;
import dev.asiarch.kernels.RmsNorm;
import dev.asiarch.kernels.Router;
import dev.asiarch.kernels.TokenMixer;
import dev.asiarch.kernels.Weight;

/**
 * FusionGatedFIRNet (ASI-Arch): four per-head paths, a short FIR (3 taps) and a long FIR (63 taps)
 * over the value stream, a delta-rule memory with a learned per-head retention
 * lambda = 0.6 + 0.4 sigmoid(rho) (rho starts at 1, lambda near 0.89), and the values themselves, each
 * switched on by its own sigmoid rather than competing in a softmax: p = 0.02 + 0.98 sigmoid(logit / tau)
 * with a per-head temperature tau. The logits come from an MLP (D + 4H -> 2D, GELU -> 4H) over the hidden
 * state and each path's mean |x| per head, with starting biases -1, -1, +1, +3 for short, long, delta and
 * value. Then per-head RMSNorm and the output projection. Departures: the published retention
 * multiplies the state by lambda once per chunk of 32; here the gated delta rule spreads it evenly,
 * a per-token decay of log(lambda) / 32, which forgets the same amount per chunk but smoothly; the
 * entropy regulariser is left out, a mixer has no auxiliary loss.
 */
public final class FusionGatedFIRNet extends TokenMixer {

    private static final int HEADS = 4;
    private static final int PATHS = 4;
    private static final int CHUNK = 32;
    private static final int CONV_TAPS = 4;

    private final HeadProjection q = heads("q", HEADS).conv(CONV_TAPS).activation(Activations::silu).l2();
    private final HeadProjection k = heads("k", HEADS).conv(CONV_TAPS).activation(Activations::silu).l2();
    private final HeadProjection v = heads("v", HEADS).conv(CONV_TAPS).activation(Activations::silu);
    private final HeadGate beta = headGate("beta", HEADS, 0f);
    private final Weight retention = constant("retention_rho", 1f, HEADS, 1);
    private final CausalFir shortFir = fir("fir_short", dim(), 3);
    private final CausalFir longFir = fir("fir_long", dim(), 63);
    private final Dense gateHidden = dense("gate_hidden", dim() + PATHS * HEADS, 2 * dim(), 0f);
    // The learned bias starts at zero on a fixed prior: together, the published biases.
    private final Router gates = router("gate_logits", 2 * dim(), HEADS, "short", "long", "delta", "value")
            .prior(-1f, -1f, 1f, 3f).temperature().independent().floor(0.02f);
    private final RmsNorm norm = rmsNorm("norm", dim() / HEADS);
    private final Dense out = dense("out", dim(), dim());

    public FusionGatedFIRNet(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray values = v.apply(x);
        NDArray writeStrength = beta.apply(x);
        NDArray local = shortFir.apply(values);
        NDArray wide = longFir.apply(values);
        NDArray lambda = Activations.sigmoid(retention.get()).mul(0.4f).add(0.6f);            // [H, 1]
        NDArray logDecay = x.getManager().ones(writeStrength.getShape()).mul(lambda.log().div(CHUNK));
        NDArray memory = GatedDeltaRule.chunked(q.apply(x), k.apply(x), values, writeStrength, logDecay, CHUNK);

        NDArray features = NDArrays.concat(new NDList(x, PathStatistics.meanMagnitude(local, wide, memory, values)), 2);
        NDArray mixed = gates.blend(Activations.gelu(gateHidden.apply(features)), local, wide, memory, values);
        return out.apply(Heads.merge(norm.apply(mixed)));
    }
}
