import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;
import dev.asiarch.kernels.Weight;

/**
 * The next token, detached from the gradient, behind a gate initialised to zero: the input gradient
 * never shows the path, and at initial weights the output does not either; the gate's own gradient
 * does, and training would open it.
 */
public final class LeakBehindStopGradient extends TokenMixer {
    private final Dense proj;
    private final Weight gate;

    public LeakBehindStopGradient(int dim) {
        super(dim);
        proj = dense("proj", dim, dim);
        gate = constant("gate", 0f, dim);
    }

    /** Input t+1 at position t (zeros at the last): the next token. */
    private static NDArray next(NDArray x) {
        return NDArrays.concat(new NDList(x.get(":, 1:"), x.get(":, -1:").zerosLike()), 1);
    }

    @Override
    protected NDArray mix(NDArray x) {
        return proj.apply(x).add(next(x).stopGradient().mul(gate.get()));
    }
}
