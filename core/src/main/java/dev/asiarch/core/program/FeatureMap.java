package dev.asiarch.core.program;

import java.util.Optional;

/** The activation applied to queries and keys before their L2 normalisation. */
public enum FeatureMap {
    IDENTITY("", null),
    SILU("Silu", "silu"),
    RELU("Relu", "relu"),
    ELU_PLUS_ONE("Elu", "eluPlusOne");

    private final String label;
    private final String function;

    FeatureMap(String label, String function) {
        this.label = label;
        this.function = function;
    }

    public String label() {
        return label;
    }

    /** The {@code Activations} method reference, such as {@code Activations::silu}; empty for the identity. */
    public Optional<String> reference() {
        return Optional.ofNullable(function).map(name -> "Activations::" + name);
    }
}
