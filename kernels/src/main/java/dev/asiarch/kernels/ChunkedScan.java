package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The skeleton the four chunkwise scans share. Each memory (delta rule, gated delta rule, linear and
 * gated linear attention) states what it is inside its chunks as a {@link Form}; {@link #scan} then
 * carries the state across chunks, the same loop for all four:
 * <pre>
 *   D_i = U_i - W_i S            (the writes; D_i = U_i where there is no correction)
 *   O_i = Q_i S + A_i D_i        (the state's readout, then the chunk's own causal part)
 *   S   = g_i S + K_i^T D_i      (the chunk's decay, then its writes)
 * </pre>
 * The delta rule and the gated delta rule hand the whole of this to a fused CUDA kernel where one
 * serves their arrays ({@code cuda.FusedDeltaRule}: the same equations, one launch). Also the shared
 * plumbing: time padding, chunk reshapes and causal masks.
 */
final class ChunkedScan {

    private ChunkedScan() {
    }

    /**
     * A memory inside its chunks, every array chunked {@code [B, H, N, C, ...]}.
     *
     * @param queries     what reads the state at each position, {@code [B, H, N, C, dk]}
     * @param keys        what writes to it at the chunk's end, {@code [B, H, N, C, dk]}
     * @param scores      the chunk's causal token-to-token weights, {@code [B, H, N, C, C]}
     * @param values      the writes, {@code [B, H, N, C, dv]}
     * @param corrections W, what the writes lose to what the state already holds ({@code [B, H, N, C, dk]}),
     *                    or null for a memory that only adds
     * @param chunkDecay  g, the state's decay over each whole chunk ({@code [B, H, N]}), or null for none
     */
    record Form(NDArray queries, NDArray keys, NDArray scores, NDArray values, NDArray corrections,
                NDArray chunkDecay) {
    }

    /** Runs the inter-chunk recurrence of {@code form} from a zero state; outputs {@code [B, H, time, dv]}. */
    static NDArray scan(Form form, long time) {
        Shape qs = form.queries().getShape();
        int chunks = (int) qs.get(2);
        NDArray state = form.queries().getManager().zeros(new Shape(qs.get(0), qs.get(1), qs.get(4),
                form.values().getShape().get(4)), form.queries().getDataType());
        NDList queries = slices(form.queries());
        NDList keys = slices(form.keys());
        NDList scores = slices(form.scores());
        NDList values = slices(form.values());
        NDList corrections = form.corrections() == null ? null : slices(form.corrections());
        NDList decays = form.chunkDecay() == null ? null : slices(form.chunkDecay().expandDims(-1).expandDims(-1));
        NDList outputs = new NDList(chunks);
        for (int i = 0; i < chunks; i++) {
            NDArray writes = corrections == null ? values.get(i) : values.get(i).sub(corrections.get(i).matMul(state));
            outputs.add(queries.get(i).matMul(state).add(scores.get(i).matMul(writes)));
            NDArray kept = decays == null ? state : state.mul(decays.get(i));
            state = kept.add(keys.get(i).swapAxes(2, 3).matMul(writes));
        }
        return fromChunks(outputs, time);
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
