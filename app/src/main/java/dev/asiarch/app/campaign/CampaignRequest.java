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

    /** Anything left out takes the command line's default. */
    public CampaignRequest {
        experiments = experiments == null ? 3 : experiments;
        profile = profile == null ? "cpu-tiny" : profile;
        seed = seed == null ? 1L : seed;
        poolRefresh = poolRefresh == null ? 50 : poolRefresh;
        repairRounds = repairRounds == null ? CampaignSpec.DEFAULT_REPAIR_ROUNDS : repairRounds;
        llmBudget = llmBudget == null ? 0.0 : llmBudget;
        gpuBudget = gpuBudget == null ? 0.0 : gpuBudget;
        parallel = parallel == null ? 1 : parallel;
        validateTop = validateTop == null ? 0 : validateTop;
        validationProfile = validationProfile == null ? "cpu-small" : validationProfile;
        validationSeeds = validationSeeds == null ? 3 : validationSeeds;
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
