package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/** Mixes per-head paths {@code [batch, heads, time, d]} with per-head, per-token weights. */
public final class Blend {

    private Blend() {
    }

    /** The sum over paths of weight p times path p; {@code weights[batch, heads, time, paths]}. */
    public static NDArray weighted(NDArray weights, NDArray... paths) {
        long expected = weights.getShape().get(3);
        if (paths.length != expected) {
            throw new IllegalArgumentException("weights for " + expected + " paths, but " + paths.length
                    + " paths to blend");
        }
        return NDArrays.stack(new NDList(paths), 4).mul(weights.expandDims(3)).sum(new int[] {4});
    }

    /** {@code share a + (1 - share) b}, with {@code share[batch, heads, time]} or {@code [batch, heads, time, 1]}. */
    public static NDArray between(NDArray share, NDArray a, NDArray b) {
        NDArray s = share.getShape().dimension() == 3 ? share.expandDims(3) : share;
        return a.mul(s).add(b.mul(s.neg().add(1f)));
    }
}
