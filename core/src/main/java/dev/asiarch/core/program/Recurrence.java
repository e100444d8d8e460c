package dev.asiarch.core.program;

/** The state update at the heart of a mixer. */
public enum Recurrence {
    /** The delta rule: S_t = S_{t-1} + beta_t k_t (v_t - S_{t-1}^T k_t)^T. */
    DELTA("Delta"),
    /** Plain causal linear attention: S_t = S_{t-1} + k_t v_t^T. */
    LINEAR("LinAttn");

    private final String label;

    Recurrence(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
