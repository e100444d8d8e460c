package dev.asiarch.workflows.campaign;

import dev.asiarch.core.pool.CandidatePool;

/**
 * A discovery campaign: measure the baseline, then run {@code experiments} candidates.
 *
 * @param seed             fixes parent sampling and the experiments' seeds
 * @param poolCapacity     size of the candidate pool (ASI-Arch: 50)
 * @param poolRefreshEvery admitted candidates collected before the pool is rebuilt (ASI-Arch: 50)
 * @param repairRounds     how many times the Engineer may repair a candidate that fails its checks
 * @param llmBudgetUsd     US dollars the campaign's model calls may cost before it stops proposing; 0 for no cap
 */
public record CampaignSpec(String campaignId, int experiments, String profile, long seed, int poolCapacity,
                           int poolRefreshEvery, int repairRounds, double llmBudgetUsd) {

    public static final int DEFAULT_REPAIR_ROUNDS = 3;

    public CampaignSpec {
        if (experiments < 1) {
            throw new IllegalArgumentException("a campaign needs at least one experiment, was " + experiments);
        }
        if (poolCapacity < 1 || poolRefreshEvery < 1) {
            throw new IllegalArgumentException("pool capacity and refresh interval must be positive");
        }
        if (!(llmBudgetUsd >= 0) || Double.isInfinite(llmBudgetUsd)) {
            throw new IllegalArgumentException("the LLM budget must be a finite number of dollars >= 0 (0: no cap), was "
                    + llmBudgetUsd);
        }
        if (repairRounds < 0) {
            throw new IllegalArgumentException("repair rounds cannot be negative, was " + repairRounds);
        }
    }

    public static CampaignSpec of(String campaignId, int experiments, String profile, long seed) {
        return new CampaignSpec(campaignId, experiments, profile, seed, CandidatePool.DEFAULT_CAPACITY,
                CandidatePool.DEFAULT_CAPACITY, DEFAULT_REPAIR_ROUNDS, 0);
    }

    /** Experiment ids are the campaign id with a three-digit index; the baseline is {@code e000}. */
    public String experimentId(int index) {
        return campaignId + "-e" + String.format("%03d", index);
    }
}
