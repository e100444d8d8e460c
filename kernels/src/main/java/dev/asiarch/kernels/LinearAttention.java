package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Causal linear attention without normalisation: S_t = S_{t-1} + k_t v_t^T, o_t = S_t^T q_t, per head. */
public final class LinearAttention {

    private LinearAttention() {
    }

    /**
     * Chunkwise form: O_i = Q_i S + (Q_i K_i^T, causal) V_i, then S += K_i^T V_i.
     *
     * @param q queries {@code [batch, heads, time, dk]}
     * @param k keys {@code [batch, heads, time, dk]}
     * @param v values {@code [batch, heads, time, dv]}
     * @return outputs {@code [batch, heads, time, dv]}
     */
    public static NDArray chunked(NDArray q, NDArray k, NDArray v, int chunk) {
        ChunkedScan.requireSameTime(q, k, v);
        long time = q.getShape().get(2);
        int chunks = ChunkedScan.chunks(time, chunk);
        NDManager manager = q.getManager();
        NDArray qc = ChunkedScan.toChunks(q, chunks, chunk);
        NDArray kc = ChunkedScan.toChunks(k, chunks, chunk);
        NDArray vc = ChunkedScan.toChunks(v, chunks, chunk);
        NDArray scores = qc.matMul(kc.swapAxes(3, 4)).mul(ChunkedScan.lowerMask(manager, chunk, true, q));
        return ChunkedScan.scan(new ChunkedScan.Form(qc, kc, scores, vc, null, null), time);
    }

    /** One token at a time: the definition, for tests. */
    public static NDArray recurrent(NDArray q, NDArray k, NDArray v) {
        ChunkedScan.requireSameTime(q, k, v);
        Shape qs = q.getShape();
        NDArray state = q.getManager().zeros(new Shape(qs.get(0), qs.get(1), qs.get(3), v.getShape().get(3)),
                q.getDataType());
        NDList outputs = new NDList();
        for (int t = 0; t < qs.get(2); t++) {
            String at = ":, :, " + t;
            state = state.add(k.get(at).expandDims(3).matMul(v.get(at).expandDims(2)));
            outputs.add(q.get(at).expandDims(2).matMul(state).squeeze(2));
        }
        return NDArrays.stack(outputs, 2);
    }
}
