package dev.asiarch.workflows.activities;

/**
 * A campaign as the store first records it.
 *
 * @param strategy      {@code pool} or {@code random}; histories recorded before strategies left it out
 * @param baselineSeeds seeds the baseline is screened with, its campaign run included
 */
public record CampaignOpening(String campaignId, String profile, int experiments, long seed, long startedAtMillis,
                              String strategy, int baselineSeeds) {

    public CampaignOpening {
        strategy = strategy == null ? "pool" : strategy;
        baselineSeeds = Math.max(1, baselineSeeds);
    }

    public CampaignOpening(String campaignId, String profile, int experiments, long seed, long startedAtMillis) {
        this(campaignId, profile, experiments, seed, startedAtMillis, "pool", 1);
    }
}
