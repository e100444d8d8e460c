package dev.asiarch.core.experiment;

/** Why an experiment failed; recorded, because failures teach the researcher. */
public enum FailureReason {
    NO_PROPOSAL("the researcher gave no usable proposal"),
    DUPLICATE("every proposal repeated an earlier experiment"),
    COMPILE_ERROR("the source does not compile"),
    POLICY_VIOLATION("the source uses something outside the allow-list"),
    SHAPE_MISMATCH("the mixer does not map [batch, time, dim] to the same shape"),
    NON_CAUSAL("outputs depend on future tokens"),
    SUPER_LINEAR("time or memory grows faster than linearly in sequence length"),
    BATCH_COUPLED("a sequence's output depends on the other sequences of its batch"),
    NON_FINITE("outputs or the loss are NaN or infinite"),
    OVER_BUDGET("the model has more parameters than the profile allows"),
    DIVERGED("training loss became NaN, infinite or exploded"),
    TIMEOUT("the run exceeded its wall-clock limit"),
    OUT_OF_MEMORY("the run exhausted its memory"),
    CRASHED("the run died without a result");

    private final String meaning;

    FailureReason(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
