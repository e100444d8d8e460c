package dev.asiarch.workflows.experiment;

import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.FailureReason;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the campaign needs to know of a finished experiment.
 *
 * @param screenSeconds wall time of its candidate activities (checks and training): the GPU time it took
 */
public record ExperimentOutcome(
        String experimentId,
        String name,
        ExperimentStatus status,
        Optional<FailureReason> failure,
        OptionalDouble validationLoss,
        OptionalDouble benchmarkScore,
        OptionalDouble fitness,
        double llmCostUsd,
        double screenSeconds) {

    public boolean trained() {
        return status == ExperimentStatus.TRAINED;
    }
}
