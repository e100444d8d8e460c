import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A gated recurrence written as a plain loop over time (linear in length): h_t = a_t h_{t-1} + (1 - a_t) u_t,
 * with a sealed interface for the two ways of combining and a stream to build the positions.
 */
public final class RecurrentLoopMixer extends TokenMixer {

    sealed interface Combine permits Sum, Gated {
        NDArray apply(NDArray state, NDArray input, NDArray gate);
    }

    record Sum() implements Combine {
        public NDArray apply(NDArray state, NDArray input, NDArray gate) {
            return state.add(input);
        }
    }

    record Gated() implements Combine {
        public NDArray apply(NDArray state, NDArray input, NDArray gate) {
            return state.mul(gate).add(input.mul(gate.neg().add(1f)));
        }
    }

    private final Combine combine = new Gated();
    private final Dense gate;
    private final Dense in;
    private final Dense out;

    public RecurrentLoopMixer(int dim) {
        super(dim);
        gate = dense("gate", dim, dim, 1f);
        in = dense("in", dim, dim);
        out = dense("out", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        int time = (int) x.getShape().get(1);
        // Split once: indexing token by token would make the backward pass quadratic in length.
        NDList gates = Activations.sigmoid(gate.apply(x)).split(time, 1);
        NDList inputs = in.apply(x).split(time, 1);
        Optional<NDArray> state = Optional.empty();
        NDList outputs = new NDList(time);
        for (int t : IntStream.range(0, time).toArray()) {
            NDArray input = inputs.get(t);
            NDArray next = state.isPresent() ? combine.apply(state.get(), input, gates.get(t)) : input;
            state = Optional.of(next);
            outputs.add(next);
        }
        return out.apply(NDArrays.concat(outputs, 1));
    }
}
