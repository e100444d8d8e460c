package dev.asiarch.core.validation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A candidate screened again on a larger profile with several seeds, beside the baseline on the same
 * seeds, and whether it beats the baseline. "Beats" means what the screen's fitness means: on each seed
 * both trained, the candidate's fitness against the baseline of that seed (same data order), and a
 * one-sided t-test that those lie above the baseline's own 0.5 ({@link Significance#above}). The loss
 * alone is also tested (Welch's, {@link Significance#compare}) and reported beside it.
 *
 * @param losses             the candidate's validation loss per seed, in seed order (failed runs left out)
 * @param baselineLosses     the baseline's, likewise
 * @param comparison         the loss test, when both sides trained on at least two seeds
 * @param note               what kept a test from being made, or empty
 * @param benchmarks         the candidate's accuracy per benchmark, one map per trained seed as {@code losses}
 * @param baselineBenchmarks the baseline's, likewise
 * @param fitness            the candidate's fitness on each seed both trained, against the baseline's run
 * @param fitnessComparison  the fitness test, when both trained on at least two common seeds
 */
public record ValidationResult(String campaignId, String experimentId, String baselineId, String profile,
                               List<Long> seeds, List<Double> losses, List<Double> baselineLosses,
                               Optional<Significance.Comparison> comparison, String note, long validatedAtMillis,
                               List<Map<String, Double>> benchmarks, List<Map<String, Double>> baselineBenchmarks,
                               List<Double> fitness, Optional<Significance.Comparison> fitnessComparison) {

    public ValidationResult {
        seeds = List.copyOf(seeds);
        losses = List.copyOf(losses);
        baselineLosses = List.copyOf(baselineLosses);
        comparison = comparison == null ? Optional.empty() : comparison;
        note = note == null ? "" : note;
        benchmarks = benchmarks == null ? List.of() : benchmarks.stream().map(Map::copyOf).toList();
        baselineBenchmarks = baselineBenchmarks == null ? List.of()
                : baselineBenchmarks.stream().map(Map::copyOf).toList();
        fitness = fitness == null ? List.of() : List.copyOf(fitness);
        fitnessComparison = fitnessComparison == null ? Optional.empty() : fitnessComparison;
    }

    /** A result with the loss test only, as validations recorded before the fitness test read. */
    public ValidationResult(String campaignId, String experimentId, String baselineId, String profile,
                            List<Long> seeds, List<Double> losses, List<Double> baselineLosses,
                            Optional<Significance.Comparison> comparison, String note, long validatedAtMillis) {
        this(campaignId, experimentId, baselineId, profile, seeds, losses, baselineLosses, comparison, note,
                validatedAtMillis, List.of(), List.of(), List.of(), Optional.empty());
    }

    /**
     * Whether it beats the baseline: by the fitness test where one was made, otherwise (validations recorded
     * before it) by the loss test.
     */
    public boolean beatsBaseline() {
        return fitnessComparison.or(() -> comparison).map(Significance.Comparison::beatsBaseline).orElse(false);
    }

    /** Whether its loss alone is significantly lower than the baseline's. */
    public boolean lowerLoss() {
        return comparison.map(Significance.Comparison::beatsBaseline).orElse(false);
    }
}
