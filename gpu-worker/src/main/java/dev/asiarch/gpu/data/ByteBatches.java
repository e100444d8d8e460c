package dev.asiarch.gpu.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Next-byte prediction batches: windows of {@code context + 1} bytes, inputs the first
 * {@code context}, labels the last {@code context}. Training windows start at seeded random offsets;
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

    /** A batch of windows at random offsets: {@code [inputs, labels]}, both {@code [batch, context]} int64. */
    public NDList random(NDManager manager, Random random) {
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
        NDArray x = manager.create(inputs, shape);
        NDArray y = manager.create(labels, shape);
        return new NDList(x, y);
    }
}
