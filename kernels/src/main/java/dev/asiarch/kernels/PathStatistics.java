package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * Summaries of per-head paths {@code [batch, heads, time, d]} over each head's channels, laid out per
 * token as {@code [batch, time, heads * k]} (head-major) so a router can read them beside the hidden
 * state. Each summary of token t reads only token t.
 */
public final class PathStatistics {

    private PathStatistics() {
    }

    /** Mean and standard deviation of every path, {@code k = 2 * paths}: per head (mean_1, std_1, mean_2, ...). */
    public static NDArray meanAndDeviation(NDArray... paths) {
        NDList moments = new NDList();
        for (NDArray path : paths) {
            NDArray mean = path.mean(new int[] {3}, true);
            moments.add(mean.squeeze(3));
            moments.add(path.sub(mean).square().mean(new int[] {3}).add(Norm.EPSILON).sqrt());
        }
        return perToken(moments);
    }

    /** Mean absolute value of every path, {@code k = paths}. */
    public static NDArray meanMagnitude(NDArray... paths) {
        NDList means = new NDList();
        for (NDArray path : paths) {
            means.add(path.abs().mean(new int[] {3}));
        }
        return perToken(means);
    }

    /** Per-head scalars {@code [batch, heads, time]} stacked into {@code [batch, time, heads * k]}. */
    private static NDArray perToken(NDList scalars) {
        NDArray perHead = NDArrays.stack(scalars, 3).transpose(0, 2, 1, 3);
        Shape s = perHead.getShape();
        return perHead.reshape(s.get(0), s.get(1), s.get(2) * s.get(3));
    }
}
