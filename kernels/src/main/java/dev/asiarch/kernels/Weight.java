package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

/** A learned tensor declared by a {@link ParameterizedBlock}; {@link #get()} reads it in a forward pass. */
public final class Weight {

    private final ParameterizedBlock owner;
    private final Parameter parameter;

    Weight(ParameterizedBlock owner, Parameter parameter) {
        this.owner = owner;
        this.parameter = parameter;
    }

    public NDArray get() {
        return owner.value(parameter);
    }
}
