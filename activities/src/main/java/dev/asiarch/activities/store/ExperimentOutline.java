package dev.asiarch.activities.store;

import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.FailureReason;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An experiment without its source, curves, calls and write-ups: what a campaign's tables, charts and
 * lineage need, read for a whole campaign in one query.
 *
 * @param secondParentId the reference a crossover took parts from, when it is one
 * @param trainSeconds wall time of the optimisation loop, for trained experiments
 */
public record ExperimentOutline(String experimentId, ExperimentRole role, Optional<String> parentId,
                                Optional<String> secondParentId, String name,
                                ExperimentStatus status, Optional<FailureReason> failureReason,
                                OptionalDouble validationLoss, OptionalDouble benchmarkScore, OptionalDouble fitness,
                                OptionalDouble trainSeconds, long createdAtMillis) {
}
