package dev.asiarch.app.campaign;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.store.LeaderboardRow;
import dev.asiarch.activities.store.ValidationSpread;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One leaderboard line: a screened experiment, and its spread across seeds where it was validated. */
public record LeaderboardEntry(int rank, String experimentId, String name, String role, String parentName,
                               String status, Optional<String> failureReason, OptionalDouble validationLoss,
                               OptionalDouble benchmarkScore, OptionalDouble fitness, long parameters,
                               Optional<ValidationSpread> validation) {

    /** A campaign's leaderboard: trained experiments by fitness, then failures, with validation spreads. */
    public static List<LeaderboardEntry> of(ExperimentStore store, String campaignId) {
        Map<String, ValidationSpread> validations = store.validations(campaignId).stream()
                .collect(Collectors.toMap(ValidationSpread::experimentId, Function.identity()));
        List<LeaderboardEntry> entries = new ArrayList<>();
        List<LeaderboardRow> rows = store.leaderboard(campaignId);
        for (int i = 0; i < rows.size(); i++) {
            LeaderboardRow r = rows.get(i);
            entries.add(new LeaderboardEntry(i + 1, r.experimentId(), r.name(), r.role().name(), r.parentName(),
                    r.status().name(), r.failureReason(), r.validationLoss(), r.benchmarkScore(), r.fitness(),
                    r.parameters(), Optional.ofNullable(validations.get(r.experimentId()))));
        }
        return entries;
    }
}
