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
    private static final int SHORT_TAPS = 3;
    private static final int LONG_TAPS = 25;
    private static final float IDENTITY_BIAS = 2f;
    /** softplus(1.2475) = 1.5, the published starting sharpness. */
    private static final float SHARPNESS_INIT = 1.2475f;

    private final Dense q;
    private final Dense k;
    private final Dense v;
    private final Dense beta;
    private final CausalFir qConv;
    private final CausalFir kConv;
    private final CausalFir vConv;
    private final CausalFir shortFir;
    private final CausalFir longFir;
    private final Dense routerHidden;
    private final Dense routerLogits;
    private final Weight sharpness;
    private final RmsNorm norm;
    private final Dense out;

    public ContentSharpRouter(int dim) {
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
        routerHidden = dense("router_hidden", dim, dim / 2, 0f);
        routerLogits = dense("router_logits", dim / 2 + 2 * PATHS * HEADS, PATHS * HEADS, 0f);
        sharpness = constant("sharpness", SHARPNESS_INIT, HEADS, 1, 1);
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

        NDArray features = NDArrays.concat(new NDList(Activations.silu(routerHidden.apply(x)),
                statistics(local, wide, memory, values)), 2);
        // The Dense bias learns on top of this fixed prior: together, the published bias (0, 0, 0, +2).
        NDArray prior = x.getManager().create(new float[] {0f, 0f, 0f, IDENTITY_BIAS});
        NDArray logits = byHead(routerLogits.apply(features)).add(prior);
        NDArray weights = logits.mul(Activations.softplus(sharpness.get())).softmax(3);
        NDArray mixed = blend(weights, local, wide, memory, values);
        return out.apply(Heads.merge(norm.apply(mixed)));
    }

    /** Mean and standard deviation of each path over each head's channels, {@code [B, T, H * 2 * paths]}. */
    private static NDArray statistics(NDArray... paths) {
        NDList moments = new NDList();
        for (NDArray path : paths) {
            NDArray mean = path.mean(new int[] {3}, true);
            moments.add(mean.squeeze(3));
            moments.add(path.sub(mean).square().mean(new int[] {3}).add(Norm.EPSILON).sqrt());
        }
        NDArray perHead = NDArrays.stack(moments, 3).transpose(0, 2, 1, 3);          // [B, T, H, 8]
        Shape s = perHead.getShape();
        return perHead.reshape(s.get(0), s.get(1), s.get(2) * s.get(3));
    }

    /** Router output {@code [B, T, H * paths]} as {@code [B, H, T, paths]}. */
    private static NDArray byHead(NDArray flat) {
        Shape s = flat.getShape();
        return flat.reshape(s.get(0), s.get(1), HEADS, PATHS).transpose(0, 2, 1, 3);
    }

    /** The sum over paths of weight p times path p; weights {@code [B, H, T, paths]}, paths {@code [B, H, T, d]}. */
    private static NDArray blend(NDArray weights, NDArray... paths) {
        return NDArrays.stack(new NDList(paths), 4).mul(weights.expandDims(3)).sum(new int[] {4});
    }
}
