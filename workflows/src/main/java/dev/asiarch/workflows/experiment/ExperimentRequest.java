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
 * @param idea         an idea the research team injected for this experiment's Researcher
 * @param searchAttributes whether to set its status and fitness search attributes when it ends
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
        int repairRounds,
        Optional<String> idea,
        boolean searchAttributes) {

    public ExperimentRequest {
        referenceIds = List.copyOf(referenceIds);
        idea = idea == null ? Optional.empty() : idea;
        if (role == ExperimentRole.CANDIDATE && (parentId.isEmpty() || baselineLoss.isEmpty())) {
            throw new IllegalArgumentException("a candidate experiment needs a parent and the baseline loss");
        }
    }
}
