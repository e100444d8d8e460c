package dev.asiarch.workflows.validation;

import java.util.List;

/**
 * Screen {@code candidates} and the baseline again on {@code profile} with {@code seeds} seeds each.
 *
 * @param seeds the seeds, the same for every design so that they meet the same data orders
 */
public record ValidationRequest(String campaignId, String baselineId, List<String> candidates, String profile,
                                List<Long> seeds) {

    public ValidationRequest {
        candidates = List.copyOf(candidates);
        seeds = List.copyOf(seeds);
        if (seeds.size() < 2) {
            throw new IllegalArgumentException("validation needs at least two seeds, got " + seeds.size());
        }
    }
}
