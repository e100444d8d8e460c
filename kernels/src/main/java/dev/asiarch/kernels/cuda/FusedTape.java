package dev.asiarch.kernels.cuda;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Training through the fused kernels. DJL 0.35 cannot put an operation with its own backward into
 * PyTorch's autograd graph, so while a tape is open on a thread, a fused delta rule's output enters the
 * graph as a new leaf and the tape keeps the call; {@link #backward} then runs the backward pass in
 * pieces: from the loss down to the leaves, then, latest first, each fused call (its kernel's backward
 * from the gradient its output leaf gathered, pushed on into the inputs' graph) and each {@link #cut}
 * (the gradient its leaf gathered, pushed on into what it cut off). Latest first is a valid order: a leaf
 * gathers gradient only from what was computed after it, and all of that has run by then.
 *
 * <p>The model cuts its residual stream at each layer's input, so every piece runs through one layer's
 * part of the graph instead of everything below it. Without a tape, {@code cut} does nothing and the
 * fused kernels serve only inference. Every gradient lands where a single backward pass would put it.
 *
 * <p>A fused call keeps its input arrays for the backward pass: a mixer that writes into one of them in
 * place after the call would change what the backward kernel reads (the engine would have refused it on
 * the DJL chain). The framework's primitives never do; the gallery's programs never do.
 */
public final class FusedTape implements AutoCloseable {

    private static final ThreadLocal<FusedTape> OPEN = new ThreadLocal<>();

    private final List<Piece> pieces = new ArrayList<>();
    private boolean closed;

    private FusedTape() {
    }

    /** Opens a tape on this thread, for one forward and backward pass. */
    public static FusedTape open() {
        if (OPEN.get() != null) {
            throw new IllegalStateException("a fused tape is already open on this thread");
        }
        FusedTape tape = new FusedTape();
        OPEN.set(tape);
        return tape;
    }

    /** This thread's open tape, or null. */
    public static FusedTape current() {
        return OPEN.get();
    }

    /**
     * Where a tape is open: a leaf with {@code x}'s values, whose gradient {@link #backward} passes on into
     * {@code x}; otherwise {@code x} itself.
     */
    public static NDArray cut(NDArray x) {
        FusedTape tape = OPEN.get();
        if (tape == null) {
            return x;
        }
        NDArray leaf = x.stopGradient();
        leaf.setRequiresGradient(true);
        tape.pieces.add(new Cut(x, leaf));
        return leaf;
    }

    /** The fused forward pass of one call, its output a leaf whose gradient the kernel's backward takes. */
    NDArray record(FusedDeltaRule kernels, NDArray q, NDArray k, NDArray v, NDArray beta, NDArray logDecay,
                   int chunk) {
        requireOpen();
        FusedDeltaRule.Saved saved = kernels.forwardSaving(q, k, v, beta, logDecay, chunk);
        NDArray out = saved.out();
        out.setRequiresGradient(true);
        pieces.add(new FusedCall(kernels, q, k, v, beta, logDecay, chunk, saved));
        // Handed on as a computed array, not as the leaf itself: the engine refuses in-place writes into a
        // leaf that takes a gradient, and a mixer may write into what the DJL chain would have given it.
        return out.add(out.getManager().zeros(new Shape(), out.getDataType(), out.getDevice()));
    }

    /** Accumulates the gradient of {@code loss}, a scalar, into every weight it depends on. */
    public void backward(NDArray loss) {
        requireOpen();
        PtNDArray root = EngineMemory.engineArray(loss);
        JniUtils.backward(root, (PtNDArray) root.onesLike(), true, false);
        for (int i = pieces.size() - 1; i >= 0; i--) {
            pieces.get(i).propagate();
        }
    }

    /** How many fused calls this tape holds. */
    public int fusedCalls() {
        return (int) pieces.stream().filter(FusedCall.class::isInstance).count();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            pieces.clear();
            if (OPEN.get() == this) {
                OPEN.remove();
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this fused tape is closed");
        }
    }

    /** What the first backward pass stops at, and how its gradient goes on. */
    private interface Piece {
        void propagate();
    }

    private record Cut(NDArray original, NDArray leaf) implements Piece {
        @Override
        public void propagate() {
            PtNDArray gradient = JniUtils.getGradient(EngineMemory.engineArray(leaf));
            if (gradient != null) {
                push(new NDArray[] {original}, new NDArray[] {gradient});
            }
        }
    }

    private record FusedCall(FusedDeltaRule kernels, NDArray q, NDArray k, NDArray v, NDArray beta, NDArray logDecay,
                             int chunk, FusedDeltaRule.Saved saved) implements Piece {
        @Override
        public void propagate() {
            PtNDArray gradient = JniUtils.getGradient(EngineMemory.engineArray(saved.out()));
            if (gradient != null) {
                FusedDeltaRule.Gradients g;
                try {
                    g = kernels.backward(q, k, v, beta, logDecay, chunk, saved, gradient);
                } catch (FusedDeltaRule.LaunchException e) {
                    // The forward pass ran fused, so there is no DJL graph to fall back on for this step.
                    throw new IllegalStateException("the fused delta rule's backward kernel did not launch ("
                            + e.getMessage() + "); " + FusedDeltaRule.SWITCH + "=off runs the DJL chain instead", e);
                }
                push(new NDArray[] {q, k, v, beta, logDecay}, new NDArray[] {g.q(), g.k(), g.v(), g.beta(), g.logDecay()});
            }
        }
    }

    /**
     * Passes {@code gradients} on into the graph behind {@code arrays}, in one backward pass: the gradient
     * of sum(x * g) with g held constant is g. The engine tells a leaf that takes a gradient, not whether
     * a computed array does, so a zero leaf of our own makes the pass valid when none of them does.
     */
    private static void push(NDArray[] arrays, NDArray[] gradients) {
        NDArray anchor = arrays[0].getManager().zeros(new Shape());
        anchor.setRequiresGradient(true);
        NDArray surrogate = anchor;
        for (int i = 0; i < arrays.length; i++) {
            if (arrays[i] != null) {
                surrogate = surrogate.add(arrays[i].mul(gradients[i]).sum());
            }
        }
        PtNDArray root = EngineMemory.engineArray(surrogate);
        JniUtils.backward(root, (PtNDArray) root.onesLike(), true, false);
    }
}
