import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.CausalFir;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.DeltaRule;
import dev.asiarch.kernels.HeadGate;
import dev.asiarch.kernels.HeadProjection;
import dev.asiarch.kernels.Heads;
import dev.asiarch.kernels.PathStatistics;
import dev.asiarch.kernels.RmsNorm;
import dev.asiarch.kernels.Router;
import dev.asiarch.kernels.TokenMixer;

/**
 * ContentSharpRouter (ASI-Arch): four per-head paths from the same projections, a short FIR (3 taps)
 * and a long FIR (25 taps) over the value stream, the delta-rule memory and the values themselves, are
 * mixed by a content-aware router. The router sees SiLU(Linear(D -> D/2)) of the hidden state and,
 * per head, the mean and standard deviation of every path over the head's channels (8 numbers); a
 * linear layer gives 4 logits per head, the identity path starts with a +2 bias, a per-head sharpness
 * softplus(theta) (starting at 1.5) multiplies the logits, and a softmax picks the mix. Then per-head
 * RMSNorm and the output projection. Departure: the optional entropy regulariser (0.02) is left out,
 * a mixer has no auxiliary loss.
 */
public final class ContentSharpRouter extends TokenMixer {

    private static final int HEADS = 4;
    private static final int PATHS = 4;
    private static final int CHUNK = 32;
    private static final int CONV_TAPS = 4;
    /** softplus(1.2475) = 1.5, the published starting sharpness. */
    private static final float SHARPNESS_INIT = 1.2475f;

    private final HeadProjection q = heads("q", HEADS).conv(CONV_TAPS).activation(Activations::silu).l2();
    private final HeadProjection k = heads("k", HEADS).conv(CONV_TAPS).activation(Activations::silu).l2();
    private final HeadProjection v = heads("v", HEADS).conv(CONV_TAPS).activation(Activations::silu);
    private final HeadGate beta = headGate("beta", HEADS, 0f);
    private final CausalFir shortFir = fir("fir_short", dim(), 3);
    private final CausalFir longFir = fir("fir_long", dim(), 25);
    private final Dense routerHidden = dense("router_hidden", dim(), dim() / 2, 0f);
    // The learned bias starts at zero on a fixed prior: together, the published bias (0, 0, 0, +2).
    private final Router router = router("router_logits", dim() / 2 + 2 * PATHS * HEADS, HEADS,
            "short", "long", "delta", "value").prior(0f, 0f, 0f, 2f).sharpness(SHARPNESS_INIT);
    private final RmsNorm norm = rmsNorm("norm", dim() / HEADS);
    private final Dense out = dense("out", dim(), dim());

    public ContentSharpRouter(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray values = v.apply(x);
        NDArray local = shortFir.apply(values);
        NDArray wide = longFir.apply(values);
        NDArray memory = DeltaRule.chunked(q.apply(x), k.apply(x), values, beta.apply(x), CHUNK);

        NDArray features = NDArrays.concat(new NDList(Activations.silu(routerHidden.apply(x)),
                PathStatistics.meanAndDeviation(local, wide, memory, values)), 2);
        NDArray mixed = router.blend(features, local, wide, memory, values);
        return out.apply(Heads.merge(norm.apply(mixed)));
    }
}
