import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

/**
 * A control, not an architecture: a per-token MLP, out(SiLU(in(x))), that never looks at another
 * token. Whatever it learns, it learns from the current byte alone, so it must score at chance on any
 * task that needs recall; a mixer that does no better than this has not learned to mix.
 */
public final class TokenwiseControl extends TokenMixer {

    private static final int EXPANSION = 2;

    private final Dense in = dense("in", dim(), EXPANSION * dim(), 0f);
    private final Dense out = dense("out", EXPANSION * dim(), dim());

    public TokenwiseControl(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        return out.apply(Activations.silu(in.apply(x)));
    }
}
