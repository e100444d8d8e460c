package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;

/**
 * One number per head and token read from the hidden state, sigmoid(Linear(x) + b) unless another
 * activation is given: write strengths, output gates, decay rates, step sizes. Declared once as a
 * field, for example {@code headGate("beta", HEADS, 0f)}, with weights {@code name.weight} and
 * {@code name.bias}.
 */
public final class HeadGate {

    private final Dense projection;
    private final UnaryOperator<NDArray> activation;

    HeadGate(Dense projection, UnaryOperator<NDArray> activation) {
        this.projection = projection;
        this.activation = activation;
    }

    /** The same gate with {@code function} (for example {@code Activations::softplus}) in place of the sigmoid. */
    public HeadGate activation(UnaryOperator<NDArray> function) {
        return new HeadGate(projection, function);
    }

    /** {@code x[batch, time, dim] -> [batch, heads, time]}. */
    public NDArray apply(NDArray x) {
        return Heads.perHead(activation.apply(projection.apply(x)));
    }

    /** Each head of {@code heads[batch, heads, time, d]} multiplied by its gate read from {@code x}. */
    public NDArray scale(NDArray x, NDArray heads) {
        return heads.mul(apply(x).expandDims(3));
    }
}
