package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * The contract of every architecture program: a causal map from hidden states
 * {@code [batch, time, dim]} to the same shape. A subclass declares its weights as field initialisers
 * (or in its constructor {@code public Name(int dim)}), where {@link #dim()} is already known, and
 * writes {@link #mix}; the framework owns the rest of the model.
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

    /** A projection {@code dim -> dim} without bias, split into {@code heads}; see {@link HeadProjection}. */
    protected final HeadProjection heads(String name, int heads) {
        return heads(name, heads, dim);
    }

    /** A projection {@code dim -> width} without bias, split into {@code heads}; see {@link HeadProjection}. */
    protected final HeadProjection heads(String name, int heads, int width) {
        return new HeadProjection(this, name, heads, width, dense(name, dim, width));
    }

    /** sigmoid(Linear(x) + b) per head and token, the bias starting at {@code biasInit}; see {@link HeadGate}. */
    protected final HeadGate headGate(String name, int heads, float biasInit) {
        return new HeadGate(dense(name, dim, heads, biasInit), Activations::sigmoid);
    }

    /** A router over the named paths that reads the hidden state; see {@link Router}. */
    protected final Router router(String name, int heads, String... paths) {
        return router(name, dim, heads, paths);
    }

    /** A router over the named paths that reads features of width {@code in}; see {@link Router}. */
    protected final Router router(String name, int in, int heads, String... paths) {
        return new Router(this, name, in, heads, List.of(paths));
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
