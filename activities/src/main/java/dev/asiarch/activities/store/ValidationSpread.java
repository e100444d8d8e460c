package dev.asiarch.activities.store;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A validated experiment's loss and fitness over its seeds beside the baseline's: what a leaderboard shows.
 *
 * @param seeds         how many seeds it was screened with
 * @param meanLoss      mean validation loss over those seeds, absent when no seed trained
 * @param sdLoss        their sample standard deviation
 * @param beatsBaseline whether it beats the baseline: its per-seed fitness lies significantly above 0.5 (validations
 *                      recorded before the fitness test: its loss is significantly lower)
 * @param meanFitness   mean fitness over the seeds both trained, against the baseline of the same seed
 * @param lowerLoss     whether its loss alone is significantly lower (Welch); absent when that test was not made
 *                      or was recorded before it was stored apart
 */
public record ValidationSpread(String experimentId, String profile, int seeds, OptionalDouble meanLoss,
                               OptionalDouble sdLoss, OptionalDouble baselineMean, OptionalDouble baselineSd,
                               boolean beatsBaseline, String note, OptionalDouble meanFitness,
                               OptionalDouble sdFitness, Optional<Boolean> lowerLoss) {
}
