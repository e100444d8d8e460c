import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Reads a system property through Integer.getInteger, a door to the JVM's settings on a boxed type. */
public final class ReadsAPropertyThroughInteger extends TokenMixer {

    public ReadsAPropertyThroughInteger(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", 1);
        return x.mul(threads > 0 ? 1f : 0f);
    }
}
