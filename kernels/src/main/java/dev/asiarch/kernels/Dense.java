package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;

/** A linear map over the last axis, with an optional bias. */
public final class Dense {

    private final ParameterizedBlock owner;
    private final Weight weight;
    private final Weight bias;

    Dense(ParameterizedBlock owner, Weight weight, Weight bias) {
        this.owner = owner;
        this.weight = weight;
        this.bias = bias;
    }

    /** {@code x[..., in] -> [..., out]}. */
    public NDArray apply(NDArray x) {
        NDArray y = x.matMul(weight.get());
        return bias == null ? y : y.add(bias.get());
    }
}
