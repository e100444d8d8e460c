package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Linear attention with a per-token, per-head decay of the state: S_t = a_t S_{t-1} + k_t v_t^T,
 * o_t = S_t^T q_t. A constant decay per head is RetNet's retention; a data-dependent one is the
 * scalar-decay selective state space of Mamba2.
 */
public final class GatedLinearAttention {

    private GatedLinearAttention() {
    }

    /**
     * Chunkwise: O = (gamma Q) S + (Q K^T, weighted gamma_t / gamma_s, causal) V,
     * S <- gamma_C S + (K gamma_C / gamma)^T V.
     *
     * @param logDecay log a_t, {@code [batch, heads, time]}, at most 0
     */
    public static NDArray chunked(NDArray q, NDArray k, NDArray v, NDArray logDecay, int chunk) {
        ChunkedScan.requireSameTime(q, k, v, logDecay);
        long time = q.getShape().get(2);
        int chunks = ChunkedScan.chunks(time, chunk);
        NDManager manager = q.getManager();
        NDArray qc = ChunkedScan.toChunks(q, chunks, chunk);
        NDArray kc = ChunkedScan.toChunks(k, chunks, chunk);
        NDArray vc = ChunkedScan.toChunks(v, chunks, chunk);
        Decay decay = Decay.of(ChunkedScan.toChunks(logDecay, chunks, chunk), manager, chunk, q);
        NDArray scores = qc.matMul(kc.swapAxes(3, 4)).mul(decay.ratio());
        NDArray decayedQueries = qc.mul(decay.fromStart());
        NDArray keysToEnd = kc.mul(decay.toEnd());
        return ChunkedScan.scan(new ChunkedScan.Form(decayedQueries, keysToEnd, scores, vc, null, decay.whole()), time);
    }

    /** One token at a time: the definition, for tests. */
    public static NDArray recurrent(NDArray q, NDArray k, NDArray v, NDArray logDecay) {
        ChunkedScan.requireSameTime(q, k, v, logDecay);
        Shape qs = q.getShape();
        NDArray state = q.getManager().zeros(new Shape(qs.get(0), qs.get(1), qs.get(3), v.getShape().get(3)),
                q.getDataType());
        NDList outputs = new NDList();
        for (int t = 0; t < qs.get(2); t++) {
            String at = ":, :, " + t;
            state = state.mul(logDecay.get(at).exp().expandDims(-1).expandDims(-1))
                    .add(k.get(at).expandDims(3).matMul(v.get(at).expandDims(2)));
            outputs.add(q.get(at).expandDims(2).matMul(state).squeeze(2));
        }
        return NDArrays.stack(outputs, 2);
    }
}
