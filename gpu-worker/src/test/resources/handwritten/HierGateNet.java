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
    private static final int PATHS = 4;
    private static final int CHUNK = 32;
    private static final int CONV_TAPS = 4;
    private static final int SHORT_TAPS = 3;
    private static final int LONG_TAPS = 31;
    private static final float MAX_FLOOR = 0.2f;
    private static final float FLOOR_BIAS = -1f;

    private final Dense q;
    private final Dense k;
    private final Dense v;
    private final Dense beta;
    private final CausalFir qConv;
    private final CausalFir kConv;
    private final CausalFir vConv;
    private final CausalFir shortFir;
    private final CausalFir longFir;
    private final Dense macroGate;
    private final Dense fineLogits;
    private final Dense floorLogits;
    private final RmsNorm norm;
    private final Dense out;

    public HierGateNet(int dim) {
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
        macroGate = dense("macro_gate", dim, HEADS, 0f);
        fineLogits = dense("fine_logits", dim, PATHS * HEADS, 0f);
        floorLogits = dense("floor_logits", dim, PATHS * HEADS, FLOOR_BIAS);
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

        // Paths in the order (values, short FIR | long FIR, delta): the first two are local, the last two global.
        NDArray toLocal = Heads.perHead(Activations.sigmoid(macroGate.apply(x))).expandDims(3);
        NDArray fine = byHead(fineLogits.apply(x));
        NDArray withinLocal = fine.get("..., :2").softmax(3).mul(toLocal);
        NDArray withinGlobal = fine.get("..., 2:").softmax(3).mul(toLocal.neg().add(1f));
        NDArray hierarchical = NDArrays.concat(new NDList(withinLocal, withinGlobal), 3);
        NDArray floors = Activations.sigmoid(byHead(floorLogits.apply(x))).mul(MAX_FLOOR);
        NDArray free = floors.sum(new int[] {3}, true).neg().add(1f);
        NDArray weights = floors.add(hierarchical.mul(free));
        NDArray mixed = blend(weights, values, local, wide, memory);
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
