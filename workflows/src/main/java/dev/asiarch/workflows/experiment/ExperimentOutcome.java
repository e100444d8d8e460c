package dev.asiarch.workflows.experiment;

import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.FailureReason;
import java.util.Optional;
import java.util.OptionalDouble;

/** What the campaign needs to know of a finished experiment. */
public record ExperimentOutcome(
        String experimentId,
        String name,
        ExperimentStatus status,
        Optional<FailureReason> failure,
        OptionalDouble validationLoss,
        OptionalDouble benchmarkScore,
        OptionalDouble fitness,
        double llmCostUsd) {

    public boolean trained() {
        return status == ExperimentStatus.TRAINED;
    }
}
