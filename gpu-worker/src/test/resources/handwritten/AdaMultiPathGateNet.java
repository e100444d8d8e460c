import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.CausalFir;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.DeltaRule;
import dev.asiarch.kernels.Heads;
import dev.asiarch.kernels.Norm;
import dev.asiarch.kernels.RmsNorm;
import dev.asiarch.kernels.TokenMixer;
import dev.asiarch.kernels.Weight;

/**
 * AdaMultiPathGateNet (ASI-Arch): four per-head paths, a short FIR (3 taps) and a long FIR (31 taps)
 * over the value stream, the delta-rule memory and the values themselves, mixed by a softmax whose
 * logits add three terms: a global bias per path, a learned term per head and path, and a per-token
 * projection of the hidden state. An epsilon floor keeps every path alive,
 * p = eps + (1 - 4 eps) softmax(logits). Then per-head RMSNorm and the output projection. Departures:
 * the always-on entropy penalty is left out (a mixer has no auxiliary loss); eps = 0.02, the FIR
 * lengths 3 and 31 and the zero starting biases are our choices where the description gives none.
 */
public final class AdaMultiPathGateNet extends TokenMixer {

    private static final int HEADS = 4;
    private static final int PATHS = 4;
    private static final int CHUNK = 32;
    private static final int CONV_TAPS = 4;
    private static final int SHORT_TAPS = 3;
    private static final int LONG_TAPS = 31;
    private static final float EPSILON_FLOOR = 0.02f;

    private final Dense q;
    private final Dense k;
    private final Dense v;
    private final Dense beta;
    private final CausalFir qConv;
    private final CausalFir kConv;
    private final CausalFir vConv;
    private final CausalFir shortFir;
    private final CausalFir longFir;
    private final Weight pathBias;
    private final Weight headBias;
    private final Dense tokenLogits;
    private final RmsNorm norm;
    private final Dense out;

    public AdaMultiPathGateNet(int dim) {
        super(dim);
        q = dense("q", dim, dim);
        k = dense("k", dim, dim);
        v = dense("v", dim, dim);
        beta = dense("beta", dim, HEADS, 0f);
        qConv = fir("q_conv", dim, CONV_TAPS);
        kConv = fir("k_conv", dim, CONV_TAPS);
        vConv = fir("v_conv", dim, CONV_TAPS);
        shortFir = fir("fir_short", dim, SHORT_TAPS);
        longFir = fir("fir_long", dim, LONG_TAPS);
        pathBias = constant("path_bias", 0f, PATHS);
        headBias = constant("head_bias", 0f, HEADS, 1, PATHS);
        tokenLogits = dense("token_logits", dim, PATHS * HEADS);
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
        NDArray memory = DeltaRule.chunked(queries, keys, values, writeStrength, CHUNK);

        NDArray logits = byHead(tokenLogits.apply(x)).add(headBias.get()).add(pathBias.get());
        NDArray weights = logits.softmax(3).mul(1 - PATHS * EPSILON_FLOOR).add(EPSILON_FLOOR);
        NDArray mixed = blend(weights, local, wide, memory, values);
        return out.apply(Heads.merge(norm.apply(mixed)));
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
