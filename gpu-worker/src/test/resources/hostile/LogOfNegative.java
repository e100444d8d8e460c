import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Takes the logarithm of values that can be negative: NaN outputs. */
public final class LogOfNegative extends TokenMixer {
    public LogOfNegative(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        return x.log();
    }
}
