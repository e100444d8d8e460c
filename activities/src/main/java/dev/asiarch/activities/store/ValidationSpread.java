package dev.asiarch.activities.store;

import java.util.OptionalDouble;

/**
 * A validated experiment's loss over its seeds beside the baseline's: the spread a leaderboard shows.
 *
 * @param seeds         how many seeds it was screened with
 * @param meanLoss      mean validation loss over those seeds, absent when no seed trained
 * @param sdLoss        their sample standard deviation
 * @param beatsBaseline whether Welch's one-sided t-test at 5% says it beats the baseline
 */
public record ValidationSpread(String experimentId, String profile, int seeds, OptionalDouble meanLoss,
                               OptionalDouble sdLoss, OptionalDouble baselineMean, OptionalDouble baselineSd,
                               boolean beatsBaseline, String note) {
}
