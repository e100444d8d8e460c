import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Tries to end the JVM it runs in. */
public final class ExitsTheJvm extends TokenMixer {
    public ExitsTheJvm(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        System.exit(3);
        return x;
    }
}
