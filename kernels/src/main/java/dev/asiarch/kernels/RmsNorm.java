package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;

/** Root-mean-square normalisation over the last axis with a learned gain. */
public final class RmsNorm {

    private final Weight gain;

    RmsNorm(Weight gain) {
        this.gain = gain;
    }

    public NDArray apply(NDArray x) {
        return Norm.rms(x).mul(gain.get());
    }
}
