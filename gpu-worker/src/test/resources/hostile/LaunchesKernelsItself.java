import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;
import dev.asiarch.kernels.cuda.EngineMemory;

/** Reaches for the engine's raw buffers, which only the framework's own kernels may launch on. */
public final class LaunchesKernelsItself extends TokenMixer {
    private final Dense proj;

    public LaunchesKernelsItself(int dim) {
        super(dim);
        proj = dense("proj", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray out = proj.apply(x);
        return EngineMemory.address(out) == 0 ? out.neg() : out;
    }
}
