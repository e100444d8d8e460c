package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Shared plumbing of the chunkwise scans: time padding, chunk reshapes and causal masks. */
final class ChunkedScan {

    private ChunkedScan() {
    }

    static int chunks(long time, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be positive, was " + chunk);
        }
        return (int) ((time + chunk - 1) / chunk);
    }

    /** {@code [B, H, T, ...]} zero-padded along time to {@code chunks * chunk} and split into chunks. */
    static NDArray toChunks(NDArray x, int chunks, int chunk) {
        Shape shape = x.getShape();
        long time = shape.get(2);
        long padded = (long) chunks * chunk;
        NDArray full = x;
        if (padded > time) {
            long[] padShape = shape.getShape().clone();
            padShape[2] = padded - time;
            NDArray zeros = x.getManager().zeros(new Shape(padShape), x.getDataType());
            full = NDArrays.concat(new NDList(x, zeros), 2);
        }
        long[] chunked = new long[shape.dimension() + 1];
        chunked[0] = shape.get(0);
        chunked[1] = shape.get(1);
        chunked[2] = chunks;
        chunked[3] = chunk;
        for (int axis = 3; axis < shape.dimension(); axis++) {
            chunked[axis + 1] = shape.get(axis);
        }
        return full.reshape(new Shape(chunked));
    }

    /**
     * The chunks of {@code [B, H, N, C, ...]} as {@code N} arrays {@code [B, H, C, ...]}, split once. Indexing
     * chunk by chunk would cost a full-size zero gradient per chunk in the backward pass (quadratic in
     * length); one split has one backward node that gathers every chunk's gradient.
     */
    static NDList slices(NDArray chunked) {
        int chunks = (int) chunked.getShape().get(2);
        NDList slices = new NDList(chunks);
        for (NDArray slice : chunked.split(chunks, 2)) {
            slices.add(slice.squeeze(2));
        }
        return slices;
    }

    /** Stacks per-chunk outputs {@code [B, H, C, d]} back into {@code [B, H, time, d]}. */
    static NDArray fromChunks(NDList perChunk, long time) {
        NDArray stacked = NDArrays.stack(perChunk, 2);
        Shape s = stacked.getShape();
        return stacked.reshape(s.get(0), s.get(1), s.get(2) * s.get(3), s.get(4)).get(":, :, :" + time);
    }

    /** A {@code [chunk, chunk]} mask with ones where row > column, or row >= column when {@code inclusive}. */
    static NDArray lowerMask(NDManager manager, int chunk, boolean inclusive, NDArray like) {
        float[] values = new float[chunk * chunk];
        for (int row = 0; row < chunk; row++) {
            for (int col = 0; col <= row; col++) {
                if (col < row || inclusive) {
                    values[row * chunk + col] = 1f;
                }
            }
        }
        return manager.create(values, new Shape(chunk, chunk)).toType(like.getDataType(), false);
    }

    static void requireSameTime(NDArray... arrays) {
        long time = arrays[0].getShape().get(2);
        for (NDArray array : arrays) {
            if (array.getShape().dimension() < 3 || array.getShape().get(2) != time) {
                throw new IllegalArgumentException("expected [batch, heads, time, ...] arrays with equal time, got "
                        + arrays[0].getShape() + " and " + array.getShape());
            }
        }
    }
}
