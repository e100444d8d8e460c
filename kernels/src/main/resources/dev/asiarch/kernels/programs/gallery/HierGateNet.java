import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.CausalFir;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.DeltaRule;
import dev.asiarch.kernels.HeadGate;
import dev.asiarch.kernels.HeadProjection;
import dev.asiarch.kernels.Heads;
import dev.asiarch.kernels.RmsNorm;
import dev.asiarch.kernels.Router;
import dev.asiarch.kernels.TokenMixer;

/**
 * HierGateNet (ASI-Arch): four per-head paths from the same projections, grouped as local (the values
 * themselves and a short FIR of 3 taps) and global (a long FIR of 31 taps and the delta-rule memory).
 * A macro sigmoid gate splits each head and token between the groups, a softmax inside each group
 * picks its paths, and context-dependent floors 0.2 sigmoid(Linear(hidden)) per path and head are
 * added, the rest of the mass (at least 0.2) shared by the hierarchical gate, so no path, the delta
 * path above all, can collapse to zero. Then per-head RMSNorm and the output projection. Departures:
 * the FIR lengths 3 and 31, and the floors' starting bias -1 (each floor starts near 0.05), are our
 * choices where the description gives none.
 */
public final class HierGateNet extends TokenMixer {

    private static final int HEADS = 4;
    private static final int CHUNK = 32;
    private static final int CONV_TAPS = 4;

    private final HeadProjection q = heads("q", HEADS).conv(CONV_TAPS).activation(Activations::silu).l2();
    private final HeadProjection k = heads("k", HEADS).conv(CONV_TAPS).activation(Activations::silu).l2();
    private final HeadProjection v = heads("v", HEADS).conv(CONV_TAPS).activation(Activations::silu);
    private final HeadGate beta = headGate("beta", HEADS, 0f);
    private final CausalFir shortFir = fir("fir_short", dim(), 3);
    private final CausalFir longFir = fir("fir_long", dim(), 31);
    // The first two paths are local, the last two global.
    private final Router router = router("fine_logits", HEADS, "value", "short", "long", "delta")
            .hierarchical(2).floors(0.2f, -1f);
    private final RmsNorm norm = rmsNorm("norm", dim() / HEADS);
    private final Dense out = dense("out", dim(), dim());

    public HierGateNet(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray values = v.apply(x);
        NDArray local = shortFir.apply(values);
        NDArray wide = longFir.apply(values);
        NDArray memory = DeltaRule.chunked(q.apply(x), k.apply(x), values, beta.apply(x), CHUNK);
        NDArray mixed = router.blend(x, values, local, wide, memory);
        return out.apply(Heads.merge(norm.apply(mixed)));
    }
}
