package dev.asiarch.app.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.asiarch.core.pool.CandidatePool;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.workflows.campaign.CampaignSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a research engineer asks of a new campaign, from the command line or the REST API. Field names
 * are the command line's option names, so an error reads the same from either.
 *
 * @param validateTop candidates validated at the end against the baseline; 0 for none
 */
public record CampaignRequest(
        @JsonProperty("experiments") Integer experiments,
        @JsonProperty("profile") String profile,
        @JsonProperty("seed") Long seed,
        @JsonProperty("pool-refresh") Integer poolRefresh,
        @JsonProperty("repair-rounds") Integer repairRounds,
        @JsonProperty("llm-budget") Double llmBudget,
        @JsonProperty("gpu-budget") Double gpuBudget,
        @JsonProperty("parallel") Integer parallel,
        @JsonProperty("validate-top") Integer validateTop,
        @JsonProperty("validation-profile") String validationProfile,
        @JsonProperty("validation-seeds") Integer validationSeeds) {

    // The defaults, for the REST API and the command line's options alike; 0 budgets mean no cap.
    public static final int DEFAULT_EXPERIMENTS = 3;
    public static final String DEFAULT_PROFILE = "cpu-tiny";
    public static final long DEFAULT_SEED = 1;
    public static final int DEFAULT_POOL_REFRESH = 50;
    public static final int DEFAULT_REPAIR_ROUNDS = CampaignSpec.DEFAULT_REPAIR_ROUNDS;
    public static final int NO_BUDGET = 0;
    public static final int DEFAULT_PARALLEL = 1;
    public static final int DEFAULT_VALIDATE_TOP = 0;
    public static final String DEFAULT_VALIDATION_PROFILE = "cpu-small";
    public static final int DEFAULT_VALIDATION_SEEDS = 3;

    /** Anything left out takes its default. */
    public CampaignRequest {
        experiments = experiments == null ? DEFAULT_EXPERIMENTS : experiments;
        profile = profile == null ? DEFAULT_PROFILE : profile;
        seed = seed == null ? DEFAULT_SEED : seed;
        poolRefresh = poolRefresh == null ? DEFAULT_POOL_REFRESH : poolRefresh;
        repairRounds = repairRounds == null ? DEFAULT_REPAIR_ROUNDS : repairRounds;
        llmBudget = llmBudget == null ? Double.valueOf(NO_BUDGET) : llmBudget;
        gpuBudget = gpuBudget == null ? Double.valueOf(NO_BUDGET) : gpuBudget;
        parallel = parallel == null ? DEFAULT_PARALLEL : parallel;
        validateTop = validateTop == null ? DEFAULT_VALIDATE_TOP : validateTop;
        validationProfile = validationProfile == null ? DEFAULT_VALIDATION_PROFILE : validationProfile;
        validationSeeds = validationSeeds == null ? DEFAULT_VALIDATION_SEEDS : validationSeeds;
    }

    /** A request that takes every default. */
    public static CampaignRequest defaults() {
        return new CampaignRequest(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** What is wrong with the request, each naming its field; empty when it can start. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (experiments < 1) {
            problems.add("experiments must be at least 1, was " + experiments);
        }
        knownProfile("profile", profile).ifPresent(problems::add);
        if (poolRefresh < 1) {
            problems.add("pool-refresh must be at least 1, was " + poolRefresh);
        }
        if (repairRounds < 0) {
            problems.add("repair-rounds cannot be negative, was " + repairRounds);
        }
        if (!(llmBudget >= 0) || Double.isInfinite(llmBudget)) {
            problems.add("llm-budget must be a number of dollars >= 0, was " + llmBudget);
        }
        if (!(gpuBudget >= 0) || Double.isInfinite(gpuBudget)) {
            problems.add("gpu-budget must be a number of hours >= 0, was " + gpuBudget);
        }
        if (parallel < 1) {
            problems.add("parallel must be at least 1, was " + parallel);
        }
        if (validateTop < 0) {
            problems.add("validate-top cannot be negative, was " + validateTop);
        }
        if (validateTop > 0) {
            if (validationSeeds < 2) {
                problems.add("validation-seeds must be at least 2 for a significance test, was " + validationSeeds);
            }
            knownProfile("validation-profile", validationProfile).ifPresent(problems::add);
        }
        return problems;
    }

    /** The campaign to run; call only when {@link #problems()} is empty. */
    public CampaignSpec toSpec(String campaignId, boolean searchAttributes) {
        if (!problems().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems()));
        }
        return CampaignSpec.of(campaignId, experiments, profile, seed)
                .withPool(CandidatePool.DEFAULT_CAPACITY, poolRefresh)
                .withRepairRounds(repairRounds)
                .withBudgets(llmBudget, gpuBudget)
                .withParallelism(parallel)
                .withSearchAttributes(searchAttributes)
                .withValidation(validateTop == 0 ? CampaignSpec.ValidationPlan.none()
                        : new CampaignSpec.ValidationPlan(validateTop, validationProfile, validationSeeds));
    }

    private static Optional<String> knownProfile(String field, String name) {
        try {
            ScreeningProfiles.byName(name);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(field + ": " + e.getMessage());
        }
    }
}
