import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.Blend;
import dev.asiarch.kernels.CausalFir;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.DeltaRule;
import dev.asiarch.kernels.HeadGate;
import dev.asiarch.kernels.HeadProjection;
import dev.asiarch.kernels.Heads;
import dev.asiarch.kernels.RmsNorm;
import dev.asiarch.kernels.Router;
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

    private final HeadProjection q = heads("q", HEADS).conv(CONV_TAPS).activation(Activations::silu).l2();
    private final HeadProjection k = heads("k", HEADS).conv(CONV_TAPS).activation(Activations::silu).l2();
    private final HeadProjection v = heads("v", HEADS).conv(CONV_TAPS).activation(Activations::silu);
    private final HeadGate beta = headGate("beta", HEADS, 0f);
    private final CausalFir shortFir = fir("fir_short", dim(), 3);
    private final CausalFir longFir = fir("fir_long", dim(), 31);
    private final Weight pathBias = constant("path_bias", 0f, PATHS);
    private final Weight headBias = constant("head_bias", 0f, HEADS, 1, PATHS);
    private final HeadProjection tokenLogits = heads("token_logits", HEADS, PATHS * HEADS);
    private final RmsNorm norm = rmsNorm("norm", dim() / HEADS);
    private final Dense out = dense("out", dim(), dim());

    public AdaMultiPathGateNet(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray values = v.apply(x);
        NDArray local = shortFir.apply(values);
        NDArray wide = longFir.apply(values);
        NDArray memory = DeltaRule.chunked(q.apply(x), k.apply(x), values, beta.apply(x), CHUNK);

        NDArray logits = tokenLogits.apply(x).add(headBias.get()).add(pathBias.get());
        NDArray mixed = Blend.weighted(Router.softmax(logits, 0.02f), local, wide, memory, values);
        return out.apply(Heads.merge(norm.apply(mixed)));
    }
}
