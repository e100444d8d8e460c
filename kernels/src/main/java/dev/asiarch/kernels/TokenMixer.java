package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The contract of every architecture program: a causal map from hidden states
 * {@code [batch, time, dim]} to the same shape. A subclass declares its weights in its constructor
 * ({@code public Name(int dim)}) and writes {@link #mix}; the framework owns the rest of the model.
 */
public abstract class TokenMixer extends ParameterizedBlock {

    private final int dim;

    protected TokenMixer(int dim) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dim must be positive, was " + dim);
        }
        this.dim = dim;
    }

    public final int dim() {
        return dim;
    }

    /** {@code x[batch, time, dim] -> [batch, time, dim]}; output t may depend only on inputs 0..t. */
    protected abstract NDArray mix(NDArray x);

    @Override
    protected final NDArray compute(NDArray input) {
        return mix(input);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
