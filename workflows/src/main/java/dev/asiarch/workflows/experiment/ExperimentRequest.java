package dev.asiarch.workflows.experiment;

import dev.asiarch.core.experiment.ExperimentRole;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One experiment to run.
 *
 * @param parentId     the pool member to evolve from (empty for the baseline)
 * @param baselineLoss the campaign baseline's validation loss (empty for the baseline itself)
 * @param baselineBenchmark the baseline's mean capability accuracy, when the profile has benchmarks
 * @param repairRounds the most repairs the Engineer may make before a failed check is final
 */
public record ExperimentRequest(
        String campaignId,
        String experimentId,
        ExperimentRole role,
        String profile,
        Optional<String> parentId,
        List<String> referenceIds,
        OptionalDouble baselineLoss,
        OptionalDouble baselineBenchmark,
        long seed,
        int repairRounds) {

    public ExperimentRequest {
        referenceIds = List.copyOf(referenceIds);
        if (role == ExperimentRole.CANDIDATE && (parentId.isEmpty() || baselineLoss.isEmpty())) {
            throw new IllegalArgumentException("a candidate experiment needs a parent and the baseline loss");
        }
    }
}
