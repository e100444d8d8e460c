package dev.asiarch.workflows.campaign;

import dev.asiarch.core.pool.CandidatePool;

/**
 * A discovery campaign: measure the baseline, then run {@code experiments} candidates.
 *
 * @param seed               fixes parent sampling and the experiments' seeds
 * @param poolCapacity       size of the candidate pool (ASI-Arch: 50)
 * @param poolRefreshEvery   the most admitted candidates collected before the pool is rebuilt (ASI-Arch: 50);
 *                           a younger pool waits for as many as it holds ({@link PoolRules})
 * @param repairRounds       how many times the Engineer may repair a candidate that fails its checks
 * @param llmBudgetUsd       US dollars the campaign's model calls may cost before it stops proposing; 0 for no cap
 * @param parallelism        candidate experiments in flight at once (one GPU worker trains one at a time)
 * @param gpuHoursBudget     hours of screening (check and training activities) before it stops; 0 for no cap
 * @param continueAsNewEvery experiments one workflow run finishes before it continues as new, so that its
 *                           history stays small however long the campaign runs
 * @param validation         which candidates are screened again at the end, on which profile, with how many seeds
 * @param searchAttributes   whether experiment workflows carry {@code ExperimentSearchAttributes} (the server
 *                           must know them)
 * @param strategy           where candidates' parents and references come from
 * @param baselineSeeds      how many seeds the baseline is screened with (its campaign run included): the
 *                           noise floor every candidate is told against; 1 measures none
 */
public record CampaignSpec(String campaignId, int experiments, String profile, long seed, int poolCapacity,
                           int poolRefreshEvery, int repairRounds, double llmBudgetUsd, int parallelism,
                           double gpuHoursBudget, int continueAsNewEvery, ValidationPlan validation,
                           boolean searchAttributes, SearchStrategy strategy, int baselineSeeds) {

    /**
     * The end of a campaign: the best {@code top} pool members other than the baseline, and the baseline,
     * screened on {@code profile} with seeds 1 to {@code seeds}. {@code top} 0 validates nothing.
     */
    public record ValidationPlan(int top, String profile, int seeds) {

        /** Nothing is validated unless asked for: validation costs several screenings per candidate. */
        public static final int DEFAULT_TOP = 0;
        public static final String DEFAULT_PROFILE = "cpu-small";
        public static final int DEFAULT_SEEDS = 3;

        public ValidationPlan {
            if (top < 0) {
                throw new IllegalArgumentException("validation top cannot be negative, was " + top);
            }
            if (top > 0 && seeds < 2) {
                throw new IllegalArgumentException("validation needs at least two seeds, was " + seeds);
            }
            profile = profile == null ? "" : profile;
        }

        public static ValidationPlan none() {
            return new ValidationPlan(0, "", 0);
        }
    }

    // The defaults of every field, whoever starts the campaign: discover, the REST API, or a plain Temporal
    // client whose JSON leaves the field out (see CampaignInput).
    public static final int DEFAULT_EXPERIMENTS = 3;
    public static final String DEFAULT_PROFILE = "cpu-tiny";
    public static final long DEFAULT_SEED = 1;
    public static final int DEFAULT_POOL_CAPACITY = CandidatePool.DEFAULT_CAPACITY;
    public static final int DEFAULT_POOL_REFRESH_EVERY = 50;
    public static final int DEFAULT_REPAIR_ROUNDS = 3;
    /** A budget of 0 is no cap, for dollars and GPU hours alike. */
    public static final int NO_BUDGET = 0;
    public static final int DEFAULT_PARALLELISM = 1;
    /** About 40 history events per experiment: 100 keep a run near 4,000 events, far below Temporal's limits. */
    public static final int DEFAULT_CONTINUE_AS_NEW_EVERY = 100;
    /** Off unless asked for: a server that does not know the attributes refuses the experiments' workflows. */
    public static final boolean DEFAULT_SEARCH_ATTRIBUTES = false;
    public static final SearchStrategy DEFAULT_STRATEGY = SearchStrategy.POOL;
    /** One: the baseline's campaign run alone, no noise floor; a floor costs a screening per further seed. */
    public static final int DEFAULT_BASELINE_SEEDS = 1;
    /** The most seeds a noise floor may take. */
    public static final int MAX_BASELINE_SEEDS = 20;

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
        if (!(gpuHoursBudget >= 0) || Double.isInfinite(gpuHoursBudget)) {
            throw new IllegalArgumentException("the GPU budget must be a finite number of hours >= 0 (0: no cap), was "
                    + gpuHoursBudget);
        }
        if (repairRounds < 0) {
            throw new IllegalArgumentException("repair rounds cannot be negative, was " + repairRounds);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("at least one experiment must be allowed in flight, was " + parallelism);
        }
        validation = validation == null ? ValidationPlan.none() : validation;
        strategy = strategy == null ? DEFAULT_STRATEGY : strategy;
        // Specs written before noise floors (a discovery loop's increment in its history) have no such field.
        baselineSeeds = baselineSeeds == 0 ? DEFAULT_BASELINE_SEEDS : baselineSeeds;
        if (baselineSeeds < 1 || baselineSeeds > MAX_BASELINE_SEEDS) {
            throw new IllegalArgumentException("the baseline needs 1 to " + MAX_BASELINE_SEEDS + " seeds, was "
                    + baselineSeeds);
        }
        if (continueAsNewEvery < 1) {
            throw new IllegalArgumentException("continue-as-new interval must be at least one experiment, was "
                    + continueAsNewEvery);
        }
    }

    public static CampaignSpec of(String campaignId, int experiments, String profile, long seed) {
        return new CampaignSpec(campaignId, experiments, profile, seed, DEFAULT_POOL_CAPACITY,
                DEFAULT_POOL_REFRESH_EVERY, DEFAULT_REPAIR_ROUNDS, NO_BUDGET, DEFAULT_PARALLELISM, NO_BUDGET,
                DEFAULT_CONTINUE_AS_NEW_EVERY, ValidationPlan.none(), DEFAULT_SEARCH_ATTRIBUTES, DEFAULT_STRATEGY,
                DEFAULT_BASELINE_SEEDS);
    }

    public CampaignSpec withPool(int capacity, int refreshEvery) {
        return new CampaignSpec(campaignId, experiments, profile, seed, capacity, refreshEvery, repairRounds,
                llmBudgetUsd, parallelism, gpuHoursBudget, continueAsNewEvery, validation, searchAttributes,
                strategy, baselineSeeds);
    }

    public CampaignSpec withRepairRounds(int rounds) {
        return new CampaignSpec(campaignId, experiments, profile, seed, poolCapacity, poolRefreshEvery, rounds,
                llmBudgetUsd, parallelism, gpuHoursBudget, continueAsNewEvery, validation, searchAttributes,
                strategy, baselineSeeds);
    }

    public CampaignSpec withBudgets(double llmUsd, double gpuHours) {
        return new CampaignSpec(campaignId, experiments, profile, seed, poolCapacity, poolRefreshEvery, repairRounds,
                llmUsd, parallelism, gpuHours, continueAsNewEvery, validation, searchAttributes,
                strategy, baselineSeeds);
    }

    public CampaignSpec withParallelism(int inFlight) {
        return new CampaignSpec(campaignId, experiments, profile, seed, poolCapacity, poolRefreshEvery, repairRounds,
                llmBudgetUsd, inFlight, gpuHoursBudget, continueAsNewEvery, validation, searchAttributes,
                strategy, baselineSeeds);
    }

    public CampaignSpec withContinueAsNewEvery(int finished) {
        return new CampaignSpec(campaignId, experiments, profile, seed, poolCapacity, poolRefreshEvery, repairRounds,
                llmBudgetUsd, parallelism, gpuHoursBudget, finished, validation, searchAttributes,
                strategy, baselineSeeds);
    }

    public CampaignSpec withValidation(ValidationPlan plan) {
        return new CampaignSpec(campaignId, experiments, profile, seed, poolCapacity, poolRefreshEvery, repairRounds,
                llmBudgetUsd, parallelism, gpuHoursBudget, continueAsNewEvery, plan, searchAttributes, strategy,
                baselineSeeds);
    }

    public CampaignSpec withSearchAttributes(boolean carried) {
        return new CampaignSpec(campaignId, experiments, profile, seed, poolCapacity, poolRefreshEvery, repairRounds,
                llmBudgetUsd, parallelism, gpuHoursBudget, continueAsNewEvery, validation, carried, strategy,
                baselineSeeds);
    }

    public CampaignSpec withStrategy(SearchStrategy drawn) {
        return new CampaignSpec(campaignId, experiments, profile, seed, poolCapacity, poolRefreshEvery, repairRounds,
                llmBudgetUsd, parallelism, gpuHoursBudget, continueAsNewEvery, validation, searchAttributes, drawn,
                baselineSeeds);
    }

    public CampaignSpec withBaselineSeeds(int seeds) {
        return new CampaignSpec(campaignId, experiments, profile, seed, poolCapacity, poolRefreshEvery, repairRounds,
                llmBudgetUsd, parallelism, gpuHoursBudget, continueAsNewEvery, validation, searchAttributes, strategy,
                seeds);
    }

    /**
     * The seed of the baseline's noise-floor run {@code k} (1 to {@code baselineSeeds - 1}): far from the
     * candidates' seeds ({@code seed + index}), so that no candidate shares a data order with it.
     */
    public long baselineSeed(int k) {
        return seed + 1_000_000L * k;
    }

    /** This spec for another campaign id and seed: how continuous discovery makes each increment. */
    public CampaignSpec forIncrement(String id, long incrementSeed) {
        return new CampaignSpec(id, experiments, profile, incrementSeed, poolCapacity, poolRefreshEvery, repairRounds,
                llmBudgetUsd, parallelism, gpuHoursBudget, continueAsNewEvery, validation, searchAttributes,
                strategy, baselineSeeds);
    }

    /** Experiment ids are the campaign id with a three-digit index; the baseline is {@code e000}. */
    public String experimentId(int index) {
        return campaignId + "-e" + String.format("%03d", index);
    }
}
