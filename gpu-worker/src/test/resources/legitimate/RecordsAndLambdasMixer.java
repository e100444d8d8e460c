import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.DeltaRule;
import dev.asiarch.kernels.Heads;
import dev.asiarch.kernels.Norm;
import dev.asiarch.kernels.TokenMixer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A delta rule whose settings are a record, whose branches are lambdas and method references kept in a
 * list, with a nested helper class, an inner class and an anonymous class.
 */
public final class RecordsAndLambdasMixer extends TokenMixer {

    record Settings(int heads, int chunk) {
        Settings {
            if (heads < 1) {
                throw new IllegalArgumentException("heads " + heads);
            }
        }

        int headWidth(int dim) {
            return dim / heads;
        }
    }

    /** Splits and normalises per head. */
    static final class HeadView {
        private final int heads;

        HeadView(int heads) {
            this.heads = heads;
        }

        NDArray of(NDArray x, boolean normalise) {
            NDArray split = Heads.split(x, heads);
            return normalise ? Norm.l2(split) : split;
        }
    }

    /** A gate that reads the outer mixer's projection. */
    final class Gate {
        NDArray apply(NDArray x) {
            return Activations.sigmoid(beta.apply(x));
        }
    }

    private final Settings settings = new Settings(4, 32);
    private final HeadView view = new HeadView(settings.heads());
    private final Gate gate = new Gate();
    private final Dense q;
    private final Dense k;
    private final Dense v;
    private final Dense beta;
    private final Dense out;
    private final List<UnaryOperator<NDArray>> activations = new ArrayList<>();
    private final Function<NDArray, NDArray> identity = new Function<>() {
        @Override
        public NDArray apply(NDArray x) {
            return x;
        }
    };

    public RecordsAndLambdasMixer(int dim) {
        super(dim);
        q = dense("q", dim, dim);
        k = dense("k", dim, dim);
        v = dense("v", dim, dim);
        beta = dense("beta", dim, settings.heads(), 0f);
        out = dense("out", dim, dim);
        activations.add(Activations::silu);
        activations.add(x -> Activations.silu(x));
        activations.add(identity::apply);
    }

    @Override
    protected NDArray mix(NDArray x) {
        var queries = view.of(activations.get(0).apply(q.apply(x)), true);
        var keys = view.of(activations.get(1).apply(k.apply(x)), true);
        var values = view.of(activations.get(2).apply(v.apply(x)), false);
        NDArray strength = Heads.perHead(gate.apply(x));
        if (settings.headWidth(dim()) * settings.heads() != dim()) {
            throw new IllegalStateException("width " + dim() + " does not split into " + settings);
        }
        return out.apply(Heads.merge(DeltaRule.chunked(queries, keys, values, strength, settings.chunk())));
    }
}
