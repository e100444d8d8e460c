package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;

/** Normalisations over the last axis. */
public final class Norm {

    public static final float EPSILON = 1e-6f;

    private Norm() {
    }

    /** Scales each vector to unit L2 norm. */
    public static NDArray l2(NDArray x) {
        return x.div(x.square().sum(new int[] {-1}, true).add(EPSILON).sqrt());
    }

    /** Scales each vector to unit root mean square. */
    public static NDArray rms(NDArray x) {
        return x.div(x.square().mean(new int[] {-1}, true).add(EPSILON).sqrt());
    }
}
