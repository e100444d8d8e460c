package dev.asiarch.app.campaign;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.store.LeaderboardRow;
import dev.asiarch.activities.store.ValidationSpread;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.fitness.NoiseFloor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One leaderboard line: a screened experiment, and its spread across seeds where it was validated.
 *
 * @param suspectedLeak a trained candidate whose validation loss is more than 10% below the baseline's
 *                      (ranked below every plausible one)
 * @param keptOutOfPool why the candidate filter keeps this trained candidate out of the pool, when it does
 * @param standing      where a trained candidate stands against the baseline in units of the baseline's seed
 *                      spread, when the campaign measured a noise floor
 */
public record LeaderboardEntry(int rank, String experimentId, String name, String role, String parentName,
                               String status, Optional<String> failureReason, boolean suspectedLeak,
                               Optional<String> keptOutOfPool, OptionalDouble validationLoss,
                               OptionalDouble benchmarkScore, OptionalDouble fitness, long parameters,
                               Optional<ValidationSpread> validation, Optional<NoiseFloor.Standing> standing) {

    /**
     * A campaign's leaderboard: trained experiments by fitness, then suspected leaks by fitness (their
     * fitness is at its ceiling exactly because their loss is implausible), then failures.
     */
    public static List<LeaderboardEntry> of(ExperimentStore store, String campaignId) {
        return of(store, campaignId, store.noiseFloor(campaignId));
    }

    /** As {@link #of(ExperimentStore, String)}, with the campaign's noise floor already read. */
    public static List<LeaderboardEntry> of(ExperimentStore store, String campaignId, Optional<NoiseFloor> noise) {
        Map<String, ValidationSpread> validations = store.validations(campaignId).stream()
                .collect(Collectors.toMap(ValidationSpread::experimentId, Function.identity()));
        List<LeaderboardRow> rows = store.leaderboard(campaignId);
        Optional<CampaignBaseline> baseline = rows.stream()
                .filter(r -> r.role() == ExperimentRole.BASELINE && r.status() == ExperimentStatus.TRAINED)
                .findFirst()
                .flatMap(r -> CampaignBaseline.of(r.validationLoss(), r.benchmarkScore()));
        Predicate<LeaderboardRow> leak = r -> baseline
                .map(b -> b.suspectsLeak(r.role(), r.status(), r.validationLoss())).orElse(false);
        // The store orders by fitness; a stable sort keeps that order inside each group.
        List<LeaderboardRow> ordered = rows.stream()
                .sorted(Comparator.comparingInt(r -> r.status() != ExperimentStatus.TRAINED ? 2 : leak.test(r) ? 1 : 0))
                .toList();
        List<LeaderboardEntry> entries = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            LeaderboardRow r = ordered.get(i);
            entries.add(new LeaderboardEntry(i + 1, r.experimentId(), r.name(), r.role().name(), r.parentName(),
                    r.status().name(), r.failureReason(), leak.test(r),
                    baseline.flatMap(b -> b.keptOut(r.role(), r.status(), r.validationLoss(), r.benchmarkScore())),
                    r.validationLoss(), r.benchmarkScore(), r.fitness(), r.parameters(),
                    Optional.ofNullable(validations.get(r.experimentId())), standing(r, baseline, noise)));
        }
        return entries;
    }

    /** A trained candidate's standing against the noise floor, when the campaign has one. */
    private static Optional<NoiseFloor.Standing> standing(LeaderboardRow r, Optional<CampaignBaseline> baseline,
                                                          Optional<NoiseFloor> noise) {
        return baseline.flatMap(b -> b.standing(noise, r.role(), r.status(), r.validationLoss(), r.benchmarkScore(),
                r.fitness()));
    }

    public boolean trained() {
        return status.equals(ExperimentStatus.TRAINED.name());
    }

    public boolean baseline() {
        return role.equals(ExperimentRole.BASELINE.name());
    }

    /** The status as a person reads it: {@code TRAINED suspected leak}, {@code FAILED (NON_CAUSAL)}, ... */
    public String statusLine() {
        return status + failureReason.map(reason -> " (" + reason + ")").orElse("")
                + (baseline() ? " baseline" : "") + (suspectedLeak ? " suspected leak" : "")
                + standing.filter(NoiseFloor.Standing::withinNoise).map(st -> " within noise").orElse("");
    }
}
