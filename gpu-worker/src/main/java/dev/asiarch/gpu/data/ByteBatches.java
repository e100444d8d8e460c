package dev.asiarch.gpu.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Next-byte prediction batches: windows of {@code context + 1} bytes, inputs the first
 * {@code context}, labels the last {@code context}, and a mask of ones. Training windows start at
 * offsets drawn from (seed, step) alone, so any step's batch can be rebuilt after a restart;
 * validation windows are evenly spaced, so every model sees the same held-out text.
 */
public final class ByteBatches {

    private final byte[] text;
    private final int batchSize;
    private final int context;

    public ByteBatches(byte[] text, int batchSize, int context) {
        if (text.length < context + 2) {
            throw new IllegalArgumentException("text of " + text.length + " bytes is shorter than one window of "
                    + (context + 1));
        }
        this.text = text;
        this.batchSize = batchSize;
        this.context = context;
    }

    /** The batch of training step {@code step}: {@code [inputs, labels, mask]}, {@code [batch, context]}. */
    public NDList random(NDManager manager, long seed, long step) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
        long[] offsets = new long[batchSize];
        for (int i = 0; i < batchSize; i++) {
            offsets[i] = random.nextInt(text.length - context - 1);
        }
        return windows(manager, offsets);
    }

    /** Batch {@code index} of {@code count} evenly spaced, fixed batches. */
    public NDList fixed(NDManager manager, int index, int count) {
        long span = text.length - context - 1;
        long[] offsets = new long[batchSize];
        for (int i = 0; i < batchSize; i++) {
            offsets[i] = span * (index * (long) batchSize + i) / ((long) count * batchSize);
        }
        return windows(manager, offsets);
    }

    private NDList windows(NDManager manager, long[] offsets) {
        long[] inputs = new long[batchSize * context];
        long[] labels = new long[batchSize * context];
        for (int row = 0; row < batchSize; row++) {
            int start = (int) offsets[row];
            for (int t = 0; t < context; t++) {
                inputs[row * context + t] = text[start + t] & 0xFF;
                labels[row * context + t] = text[start + t + 1] & 0xFF;
            }
        }
        Shape shape = new Shape(batchSize, context);
        return new NDList(manager.create(inputs, shape), manager.create(labels, shape), manager.ones(shape));
    }
}
