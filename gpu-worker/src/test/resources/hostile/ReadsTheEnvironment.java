import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Reads the environment, where keys live. */
public final class ReadsTheEnvironment extends TokenMixer {
    public ReadsTheEnvironment(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        String secret = System.getenv("OPENAI_API_KEY");
        return x;
    }
}
