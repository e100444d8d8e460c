package dev.asiarch.core.program;

/** The activation applied to queries and keys before their L2 normalisation. */
public enum FeatureMap {
    IDENTITY("", "%s"),
    SILU("Silu", "Activations.silu(%s)"),
    RELU("Relu", "Activations.relu(%s)"),
    ELU_PLUS_ONE("Elu", "Activations.eluPlusOne(%s)");

    private final String label;
    private final String javaTemplate;

    FeatureMap(String label, String javaTemplate) {
        this.label = label;
        this.javaTemplate = javaTemplate;
    }

    public String label() {
        return label;
    }

    /** The Java expression that applies this map to {@code expression}. */
    public String apply(String expression) {
        return javaTemplate.formatted(expression);
    }
}
