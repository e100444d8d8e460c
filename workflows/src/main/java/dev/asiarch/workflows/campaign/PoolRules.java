package dev.asiarch.workflows.campaign;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * When admitted candidates join the pool, and how each experiment's draws are seeded. ASI-Arch rebuilds
 * its pool every 50 admissions, a batch sized for a 1,773-experiment run: a campaign shorter than that
 * never samples a parent beyond the seed. And draws seeded with neighbouring numbers from
 * {@code java.util.Random} start nearly alike: a power-of-two band (a pool of 2, 4 or 8) gave every
 * experiment the same rank. Campaigns now use {@link #EVOLVING}; histories recorded before keep
 * {@link #RECORDED} (the campaign workflow asks {@code Workflow.getVersion} which applies).
 */
public enum PoolRules {

    /** Every {@code poolRefreshEvery} admissions, whatever the pool holds; draws seeded as they were. */
    RECORDED,

    /**
     * As many admissions as the pool has members, at least one and at most {@code poolRefreshEvery}: a
     * young pool takes each new candidate at once (its sizes run 1, 2, 4, 8, ...), a full pool of 50 is
     * rebuilt every 50 admissions, as in ASI-Arch; each experiment's seed is scrambled before it seeds
     * its draws.
     */
    EVOLVING,

    /**
     * {@link #EVOLVING}, and each candidate's own seed (its proposal's, its initialisation's and its data
     * order's) scrambled from the campaign's seed and its index. Before, it was {@code seed + index}, so
     * campaigns with neighbouring seeds ran the same experiments one index apart: a study's three random
     * campaigns proposed and trained the same candidates.
     */
    DISTINCT_SEEDS;

    /** The admissions that wait before they join a pool of {@code poolSize} members. */
    public int batch(CampaignSpec spec, int poolSize) {
        return this == RECORDED ? spec.poolRefreshEvery() : Math.max(1, Math.min(spec.poolRefreshEvery(), poolSize));
    }

    /** The draws of the experiment at {@code index}: the same in every replay. */
    Random draws(CampaignSpec spec, int index) {
        long seed = spec.seed() * 1_000_003L + index;
        return new Random(this == RECORDED ? seed : new SplittableRandom(seed).nextLong());
    }

    /** The seed of the candidate at {@code index} (from 1): non-negative, and the same in every replay. */
    public long experimentSeed(CampaignSpec spec, int index) {
        if (this != DISTINCT_SEEDS) {
            return spec.seed() + index;
        }
        // Another stream than the draws' (the constant), so that a candidate's seed says nothing of its parent.
        return new SplittableRandom(spec.seed() * 1_000_003L + index ^ 0x5DEECE66DL).nextLong() & Long.MAX_VALUE;
    }
}
