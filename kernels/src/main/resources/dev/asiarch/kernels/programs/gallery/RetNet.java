import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.GatedLinearAttention;
import dev.asiarch.kernels.HeadProjection;
import dev.asiarch.kernels.Heads;
import dev.asiarch.kernels.RmsNorm;
import dev.asiarch.kernels.TokenMixer;

/**
 * RetNet's retention (Sun et al., 2023): linear attention whose state each head decays by a fixed
 * factor gamma_h = 1 - 2^(-5-h) per token, so heads look back over 32 to 256 tokens; queries and keys
 * carry rotary positions; then a per-head norm (group norm, here RMSNorm) and a SiLU gate computed from
 * the input, and the output projection. Departures: the value width is the model width rather than
 * twice it, RMSNorm replaces GroupNorm, the rotation is plain rotary (xPos's extra length scaling is
 * left out, the decay already fades old tokens), and queries and keys are L2-normalised instead of
 * scaling keys by 1/sqrt(d): with the unnormalised form, gradients grew to overflow in one of three
 * seeds on cpu-tiny.
 */
public final class RetNet extends TokenMixer {

    private static final int HEADS = 4;
    private static final int CHUNK = 32;

    private final HeadProjection q = heads("q", HEADS).l2();
    private final HeadProjection k = heads("k", HEADS).l2();
    private final HeadProjection v = heads("v", HEADS);
    private final Dense gate = dense("gate", dim(), dim());
    private final RmsNorm norm = rmsNorm("norm", dim() / HEADS);
    private final Dense out = dense("out", dim(), dim());

    public RetNet(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray retained = GatedLinearAttention.chunked(rotary(q.apply(x)), rotary(k.apply(x)), v.apply(x),
                fixedDecay(x), CHUNK);
        return out.apply(Activations.silu(gate.apply(x)).mul(Heads.merge(norm.apply(retained))));
    }

    /** log gamma_h for every token, {@code [batch, heads, time]}; not learned. */
    private static NDArray fixedDecay(NDArray x) {
        float[] logGamma = new float[HEADS];
        for (int h = 0; h < HEADS; h++) {
            logGamma[h] = (float) Math.log(1 - Math.pow(2, -5 - h));
        }
        NDManager manager = x.getManager();
        Shape shape = new Shape(x.getShape().get(0), HEADS, x.getShape().get(1));
        return manager.ones(shape).mul(manager.create(logGamma, new Shape(1, HEADS, 1)));
    }

    /** Rotates channel pairs (i, i + d/2) of {@code [batch, heads, time, d]} by position times 10000^(-2i/d). */
    private static NDArray rotary(NDArray heads) {
        long time = heads.getShape().get(2);
        int half = (int) heads.getShape().get(3) / 2;
        float[] frequencies = new float[half];
        for (int i = 0; i < half; i++) {
            frequencies[i] = (float) Math.pow(10000, -(double) i / half);
        }
        NDManager manager = heads.getManager();
        NDArray angles = manager.arange(0f, (float) time, 1f).expandDims(1)
                .mul(manager.create(frequencies).expandDims(0));
        NDArray cos = angles.cos();
        NDArray sin = angles.sin();
        NDArray first = heads.get("..., :" + half);
        NDArray second = heads.get("..., " + half + ":");
        return NDArrays.concat(new NDList(first.mul(cos).sub(second.mul(sin)), first.mul(sin).add(second.mul(cos))), 3);
    }
}
