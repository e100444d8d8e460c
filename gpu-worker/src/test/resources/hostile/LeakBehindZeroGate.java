import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;
import dev.asiarch.kernels.Weight;

/**
 * A projection plus the next token behind a learned gate initialised to zero: at initial weights it is
 * causal, and training would open the gate at once (the next byte is the target), so it would beat
 * every honest design by far.
 */
public final class LeakBehindZeroGate extends TokenMixer {
    private final Dense proj;
    private final Weight gate;

    public LeakBehindZeroGate(int dim) {
        super(dim);
        proj = dense("proj", dim, dim);
        gate = constant("gate", 0f, 1);
    }

    /** Input t+1 at position t (zeros at the last): the next token. */
    private static NDArray next(NDArray x) {
        return NDArrays.concat(new NDList(x.get(":, 1:"), x.get(":, -1:").zerosLike()), 1);
    }

    @Override
    protected NDArray mix(NDArray x) {
        return proj.apply(x).add(next(x).mul(gate.get()));
    }
}
