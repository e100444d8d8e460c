package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;

/**
 * Causal softmax attention, quadratic in time: a reference for the gallery, never acceptable as a
 * candidate's complexity.
 */
public final class SoftmaxAttention {

    private SoftmaxAttention() {
    }

    /** softmax(Q K^T / sqrt(d) + causal mask) V over {@code [batch, heads, time, d]}. */
    public static NDArray causal(NDArray q, NDArray k, NDArray v) {
        ChunkedScan.requireSameTime(q, k, v);
        int time = (int) q.getShape().get(2);
        NDArray causal = ChunkedScan.lowerMask(q.getManager(), time, true, q);
        NDArray scores = Scalars.div(q.matMul(k.swapAxes(2, 3)), (float) Math.sqrt(q.getShape().get(3)));
        return scores.add(Scalars.mul(causal.sub(1f), 1e9f)).softmax(-1).matMul(v);
    }
}
