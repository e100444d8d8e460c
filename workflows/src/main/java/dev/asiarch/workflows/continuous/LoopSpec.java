package dev.asiarch.workflows.continuous;

import dev.asiarch.workflows.campaign.CampaignSpec;
import java.time.Duration;

/**
 * Continuous discovery without a Temporal Schedule: a campaign like {@code increment} every
 * {@code interval}, named {@code <loopId>-001}, {@code -002}, ..., each with its own seed.
 *
 * @param increments campaigns to run before the loop ends; 0 runs until it is stopped
 */
public record LoopSpec(String loopId, CampaignSpec increment, Duration interval, int increments) {

    public LoopSpec {
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("the loop's interval must be zero or positive, was " + interval);
        }
        if (increments < 0) {
            throw new IllegalArgumentException("increments cannot be negative (0: until stopped), was " + increments);
        }
    }

    /** The id and seed of the {@code n}-th campaign (from 1). */
    public CampaignSpec campaign(int n) {
        return increment.forIncrement(loopId + "-" + String.format("%03d", n), increment.seed() + 1_000L * n);
    }
}
