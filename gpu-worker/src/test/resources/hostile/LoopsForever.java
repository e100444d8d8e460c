import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Never returns from mix. */
public final class LoopsForever extends TokenMixer {
    public LoopsForever(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        long spins = 0;
        while (spins >= 0) {
            spins = (spins + 1) % 1_000_000;
        }
        return x;
    }
}
