package dev.asiarch.app.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.asiarch.workflows.campaign.CampaignInput;
import dev.asiarch.workflows.campaign.CampaignSpec;
import java.util.List;
import java.util.Map;

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
        @JsonProperty("validation-seeds") Integer validationSeeds,
        @JsonProperty("strategy") String strategy,
        @JsonProperty("baseline-seeds") Integer baselineSeeds) {

    /** The campaign's fields by this request's (and the command line's) names, where they differ. */
    private static final Map<String, String> OPTION_NAMES = Map.of(
            "poolRefreshEvery", "pool-refresh",
            "repairRounds", "repair-rounds",
            "llmBudgetUsd", "llm-budget",
            "gpuHoursBudget", "gpu-budget",
            "parallelism", "parallel",
            "validation.top", "validate-top",
            "validation.profile", "validation-profile",
            "validation.seeds", "validation-seeds",
            "baselineSeeds", "baseline-seeds");

    /** Anything left out takes the campaign's default ({@link CampaignSpec}'s, whoever starts it). */
    public CampaignRequest {
        experiments = experiments == null ? CampaignSpec.DEFAULT_EXPERIMENTS : experiments;
        profile = profile == null ? CampaignSpec.DEFAULT_PROFILE : profile;
        seed = seed == null ? CampaignSpec.DEFAULT_SEED : seed;
        poolRefresh = poolRefresh == null ? CampaignSpec.DEFAULT_POOL_REFRESH_EVERY : poolRefresh;
        repairRounds = repairRounds == null ? CampaignSpec.DEFAULT_REPAIR_ROUNDS : repairRounds;
        llmBudget = llmBudget == null ? Double.valueOf(CampaignSpec.NO_BUDGET) : llmBudget;
        gpuBudget = gpuBudget == null ? Double.valueOf(CampaignSpec.NO_BUDGET) : gpuBudget;
        parallel = parallel == null ? CampaignSpec.DEFAULT_PARALLELISM : parallel;
        validateTop = validateTop == null ? CampaignSpec.ValidationPlan.DEFAULT_TOP : validateTop;
        validationProfile = validationProfile == null ? CampaignSpec.ValidationPlan.DEFAULT_PROFILE
                : validationProfile;
        validationSeeds = validationSeeds == null ? CampaignSpec.ValidationPlan.DEFAULT_SEEDS : validationSeeds;
        strategy = strategy == null ? CampaignSpec.DEFAULT_STRATEGY.label() : strategy;
        baselineSeeds = baselineSeeds == null ? CampaignSpec.DEFAULT_BASELINE_SEEDS : baselineSeeds;
    }

    /** This request with another strategy and seed: how a study makes its campaigns. */
    public CampaignRequest withStrategyAndSeed(String drawn, long campaignSeed) {
        return new CampaignRequest(experiments, profile, campaignSeed, poolRefresh, repairRounds, llmBudget, gpuBudget,
                parallel, validateTop, validationProfile, validationSeeds, drawn, baselineSeeds);
    }

    /** This request with the baseline screened with another number of seeds. */
    public CampaignRequest withBaselineSeeds(int seeds) {
        return new CampaignRequest(experiments, profile, seed, poolRefresh, repairRounds, llmBudget, gpuBudget,
                parallel, validateTop, validationProfile, validationSeeds, strategy, seeds);
    }

    /** A request that takes every default. */
    public static CampaignRequest defaults() {
        return new CampaignRequest(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** What is wrong with the request, each naming its field; empty when it can start. */
    public List<String> problems() {
        return input("", false).problems(field -> OPTION_NAMES.getOrDefault(field, field));
    }

    /** The campaign to run; call only when {@link #problems()} is empty. */
    public CampaignSpec toSpec(String campaignId, boolean searchAttributes) {
        if (!problems().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems()));
        }
        return input(campaignId, searchAttributes).toSpec(campaignId);
    }

    /** The request as any Temporal client would ask for it: the campaign's rules are checked there, once. */
    private CampaignInput input(String campaignId, boolean searchAttributes) {
        return new CampaignInput(campaignId, experiments, profile, seed, null, poolRefresh, repairRounds, llmBudget,
                parallel, gpuBudget, null,
                new CampaignInput.Validation(validateTop, validationProfile, validationSeeds),
                searchAttributes, strategy, baselineSeeds, List.of());
    }
}
