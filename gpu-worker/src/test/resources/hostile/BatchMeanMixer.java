import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

/** Adds the batch mean: causal in time, but every sequence leaks into its batch mates. */
public final class BatchMeanMixer extends TokenMixer {
    private final Dense proj;

    public BatchMeanMixer(int dim) {
        super(dim);
        proj = dense("proj", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        return proj.apply(x.add(x.mean(new int[] {0}, true)));
    }
}
