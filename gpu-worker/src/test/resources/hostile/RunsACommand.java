import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Starts a process through Runtime. */
public final class RunsACommand extends TokenMixer {
    public RunsACommand(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        try { Runtime.getRuntime().exec(new String[] {"true"}); } catch (java.io.IOException e) { }
        return x;
    }
}
