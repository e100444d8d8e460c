package dev.asiarch.core.validation;

import java.util.List;
import java.util.Optional;

/**
 * A candidate screened again on a larger profile with several seeds, beside the baseline on the same
 * seeds, and whether it beats the baseline by {@link Significance}'s rule.
 *
 * @param losses         the candidate's validation loss per seed, in seed order (failed runs left out)
 * @param baselineLosses the baseline's, likewise
 * @param comparison     the test, when both sides trained on at least two seeds
 * @param note           what kept the test from being made, or empty
 */
public record ValidationResult(String campaignId, String experimentId, String baselineId, String profile,
                               List<Long> seeds, List<Double> losses, List<Double> baselineLosses,
                               Optional<Significance.Comparison> comparison, String note, long validatedAtMillis) {

    public ValidationResult {
        seeds = List.copyOf(seeds);
        losses = List.copyOf(losses);
        baselineLosses = List.copyOf(baselineLosses);
        comparison = comparison == null ? Optional.empty() : comparison;
        note = note == null ? "" : note;
    }

    public boolean beatsBaseline() {
        return comparison.map(Significance.Comparison::beatsBaseline).orElse(false);
    }
}
