import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
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
    private static final int SHORT_TAPS = 3;
    private static final int LONG_TAPS = 63;
    private static final float MIN_OPENING = 0.02f;

    private final Dense q;
    private final Dense k;
    private final Dense v;
    private final Dense beta;
    private final Weight retention;
    private final CausalFir qConv;
    private final CausalFir kConv;
    private final CausalFir vConv;
    private final CausalFir shortFir;
    private final CausalFir longFir;
    private final Dense gateHidden;
    private final Dense gateLogits;
    private final Weight logTemperature;
    private final RmsNorm norm;
    private final Dense out;

    public FusionGatedFIRNet(int dim) {
        super(dim);
        q = dense("q", dim, dim);
        k = dense("k", dim, dim);
        v = dense("v", dim, dim);
        beta = dense("beta", dim, HEADS, 0f);
        retention = constant("retention_rho", 1f, HEADS, 1);
        qConv = fir("q_conv", dim, CONV_TAPS);
        kConv = fir("k_conv", dim, CONV_TAPS);
        vConv = fir("v_conv", dim, CONV_TAPS);
        shortFir = fir("fir_short", dim, SHORT_TAPS);
        longFir = fir("fir_long", dim, LONG_TAPS);
        gateHidden = dense("gate_hidden", dim + PATHS * HEADS, 2 * dim, 0f);
        gateLogits = dense("gate_logits", 2 * dim, PATHS * HEADS, 0f);
        logTemperature = constant("log_temperature", 0f, HEADS, 1, 1);
        norm = rmsNorm("norm", dim / HEADS);
        out = dense("out", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray queries = Norm.l2(Heads.split(Activations.silu(qConv.apply(q.apply(x))), HEADS));
        NDArray keys = Norm.l2(Heads.split(Activations.silu(kConv.apply(k.apply(x))), HEADS));
        NDArray valueStream = Activations.silu(vConv.apply(v.apply(x)));
        NDArray values = Heads.split(valueStream, HEADS);
        NDArray writeStrength = Heads.perHead(Activations.sigmoid(beta.apply(x)));

        NDArray local = Heads.split(shortFir.apply(valueStream), HEADS);
        NDArray wide = Heads.split(longFir.apply(valueStream), HEADS);
        NDArray lambda = Activations.sigmoid(retention.get()).mul(0.4f).add(0.6f);            // [H, 1]
        NDArray logDecay = x.getManager().ones(writeStrength.getShape()).mul(lambda.log().div(CHUNK));
        NDArray memory = GatedDeltaRule.chunked(queries, keys, values, writeStrength, logDecay, CHUNK);

        NDArray features = NDArrays.concat(new NDList(x, magnitudes(local, wide, memory, values)), 2);
        NDArray hidden = Activations.gelu(gateHidden.apply(features));
        // The Dense bias learns on top of this fixed prior: together, the published biases.
        NDArray prior = x.getManager().create(new float[] {-1f, -1f, 1f, 3f});
        NDArray logits = byHead(gateLogits.apply(hidden)).add(prior).div(logTemperature.get().exp());
        NDArray openings = Activations.sigmoid(logits).mul(1 - MIN_OPENING).add(MIN_OPENING);
        NDArray mixed = blend(openings, local, wide, memory, values);
        return out.apply(Heads.merge(norm.apply(mixed)));
    }

    /** Mean |x| of each path over each head's channels, {@code [B, T, H * paths]}. */
    private static NDArray magnitudes(NDArray... paths) {
        NDList means = new NDList();
        for (NDArray path : paths) {
            means.add(path.abs().mean(new int[] {3}));
        }
        NDArray perHead = NDArrays.stack(means, 3).transpose(0, 2, 1, 3);              // [B, T, H, paths]
        Shape s = perHead.getShape();
        return perHead.reshape(s.get(0), s.get(1), s.get(2) * s.get(3));
    }

    /** Gate output {@code [B, T, H * paths]} as {@code [B, H, T, paths]}. */
    private static NDArray byHead(NDArray flat) {
        Shape s = flat.getShape();
        return flat.reshape(s.get(0), s.get(1), HEADS, PATHS).transpose(0, 2, 1, 3);
    }

    /** The sum over paths of weight p times path p; weights {@code [B, H, T, paths]}, paths {@code [B, H, T, d]}. */
    private static NDArray blend(NDArray weights, NDArray... paths) {
        return NDArrays.stack(new NDList(paths), 4).mul(weights.expandDims(3)).sum(new int[] {4});
    }
}
