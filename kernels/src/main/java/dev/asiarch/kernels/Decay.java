package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Decay factors of a chunk, from per-token log decays {@code [B, H, N, C]}: cumulative products from the
 * chunk start, to the chunk end, over the whole chunk, and the causal ratios gamma_t / gamma_s. All
 * are computed from differences of cumulative logs, so none overflows.
 */
record Decay(NDArray fromStart, NDArray toEnd, NDArray whole, NDArray ratio) {

    static Decay of(NDArray logDecayChunks, NDManager manager, int chunk, NDArray like) {
        NDArray cumulative = logDecayChunks.cumSum(3);                          // G_t, [B, H, N, C]
        NDArray last = cumulative.get(":, :, :, " + (chunk - 1) + ":");         // G_C, [B, H, N, 1]
        NDArray causal = ChunkedScan.lowerMask(manager, chunk, true, like);
        // exp(G_t - G_s) where s <= t; masked entries get a large negative exponent, so exactly zero.
        NDArray difference = cumulative.expandDims(-1).sub(cumulative.expandDims(-2));
        NDArray ratio = difference.mul(causal).add(Scalars.mul(causal.sub(1f), 1e4f)).exp();
        return new Decay(cumulative.exp().expandDims(-1), last.sub(cumulative).exp().expandDims(-1),
                last.squeeze(-1).exp(), ratio);
    }
}
