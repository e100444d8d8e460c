import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Starts a process through ProcessBuilder. */
public final class BuildsAProcess extends TokenMixer {
    public BuildsAProcess(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        try { new ProcessBuilder("true").start(); } catch (java.io.IOException e) { }
        return x;
    }
}
