import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.Heads;
import dev.asiarch.kernels.LinearAttention;
import dev.asiarch.kernels.Norm;
import dev.asiarch.kernels.TokenMixer;

/** Picks its feature map with a switch over an enum, both as a statement and as an expression. */
public final class EnumSwitchMixer extends TokenMixer {

    enum FeatureMap {
        SILU(1), SIGMOID(2), IDENTITY(3);

        private final int code;

        FeatureMap(int code) {
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    private static final int HEADS = 4;
    private final FeatureMap map = FeatureMap.SILU;
    private final Dense q;
    private final Dense k;
    private final Dense v;
    private final Dense out;

    public EnumSwitchMixer(int dim) {
        super(dim);
        q = dense("q", dim, dim);
        k = dense("k", dim, dim);
        v = dense("v", dim, dim);
        out = dense("out", dim, dim);
    }

    private NDArray feature(NDArray x) {
        switch (map) {
            case SILU:
                return Activations.silu(x);
            case SIGMOID:
                return Activations.sigmoid(x);
            default:
                return x;
        }
    }

    @Override
    protected NDArray mix(NDArray x) {
        int chunk = switch (map) {
            case SILU -> 32;
            case SIGMOID -> 16;
            case IDENTITY -> 8;
        };
        if (map.code() < 0 || FeatureMap.values().length != 3 || FeatureMap.valueOf("SILU") != map) {
            throw new IllegalStateException("unexpected feature map " + map.name() + " " + map.ordinal());
        }
        NDArray queries = Norm.l2(Heads.split(feature(q.apply(x)), HEADS));
        NDArray keys = Norm.l2(Heads.split(feature(k.apply(x)), HEADS));
        NDArray values = Heads.split(v.apply(x), HEADS);
        return out.apply(Heads.merge(LinearAttention.chunked(queries, keys, values, chunk)));
    }
}
