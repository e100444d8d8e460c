import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

/** Centres every channel over the whole sequence: each output sees the mean of future tokens. */
public final class WholeSequenceNorm extends TokenMixer {
    private final Dense proj;

    public WholeSequenceNorm(int dim) {
        super(dim);
        proj = dense("proj", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        return proj.apply(x.sub(x.mean(new int[] {1}, true)));
    }
}
