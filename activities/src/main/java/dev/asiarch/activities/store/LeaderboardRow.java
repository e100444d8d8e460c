package dev.asiarch.activities.store;

import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.ExperimentStatus;
import java.util.Optional;
import java.util.OptionalDouble;

/** One line of a campaign's leaderboard. */
public record LeaderboardRow(
        String experimentId,
        String name,
        ExperimentRole role,
        String parentName,
        ExperimentStatus status,
        Optional<String> failureReason,
        OptionalDouble validationLoss,
        OptionalDouble benchmarkScore,
        OptionalDouble fitness,
        long parameters) {
}
