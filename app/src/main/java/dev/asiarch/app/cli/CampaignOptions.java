package dev.asiarch.app.cli;

import dev.asiarch.app.campaign.CampaignRequest;
import dev.asiarch.workflows.campaign.CampaignSpec;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options that shape a campaign, shared by {@code discover} and {@code campaign start}. */
final class CampaignOptions {

    @Option(names = "--experiments", defaultValue = "" + CampaignSpec.DEFAULT_EXPERIMENTS, paramLabel = "N",
            description = "candidate experiments after the baseline (default: ${DEFAULT-VALUE})")
    private int experiments;

    @Option(names = "--profile", defaultValue = CampaignSpec.DEFAULT_PROFILE, paramLabel = "NAME",
            description = "screening profile (default: ${DEFAULT-VALUE}); known: cpu-tiny, cpu-smoke")
    private String profile;

    @Option(names = "--seed", defaultValue = "" + CampaignSpec.DEFAULT_SEED,
            description = "campaign seed (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--pool-refresh", defaultValue = "" + CampaignSpec.DEFAULT_POOL_REFRESH_EVERY, paramLabel = "N",
            description = "the most admitted candidates collected before the pool is rebuilt; a younger pool "
                    + "waits for as many as it holds (default: ${DEFAULT-VALUE})")
    private int poolRefresh;

    @Option(names = "--repair-rounds", defaultValue = "" + CampaignSpec.DEFAULT_REPAIR_ROUNDS, paramLabel = "K",
            description = "times the Engineer may repair a candidate that fails its checks; needs an LLM "
                    + "(default: ${DEFAULT-VALUE})")
    private int repairRounds;

    @Option(names = "--llm-budget", defaultValue = "" + CampaignSpec.NO_BUDGET, paramLabel = "USD",
            description = "US dollars the campaign's model calls may cost before it stops proposing; 0 for no cap "
                    + "(default: ${DEFAULT-VALUE})")
    private double llmBudget;

    @Option(names = "--gpu-budget", defaultValue = "" + CampaignSpec.NO_BUDGET, paramLabel = "HOURS",
            description = "hours of checking and training the campaign may use before it stops starting experiments; "
                    + "0 for no cap (default: ${DEFAULT-VALUE})")
    private double gpuBudgetHours;

    @Option(names = "--validate-top", defaultValue = "" + CampaignSpec.ValidationPlan.DEFAULT_TOP, paramLabel = "K",
            description = "at the end, screen the best K candidates and the baseline again with more seeds and report "
                    + "which beat it significantly (default: ${DEFAULT-VALUE}, none)")
    private int validateTop;

    @Option(names = "--validation-profile", defaultValue = CampaignSpec.ValidationPlan.DEFAULT_PROFILE,
            paramLabel = "NAME",
            description = "profile of the end's validation (default: ${DEFAULT-VALUE})")
    private String validationProfile;

    @Option(names = "--validation-seeds", defaultValue = "" + CampaignSpec.ValidationPlan.DEFAULT_SEEDS,
            paramLabel = "S",
            description = "seeds per design in the end's validation, at least 2 (default: ${DEFAULT-VALUE})")
    private int validationSeeds;

    @Option(names = "--parallel", defaultValue = "" + CampaignSpec.DEFAULT_PARALLELISM, paramLabel = "P",
            description = "candidate experiments in flight at once; each GPU worker trains one at a time "
                    + "(default: ${DEFAULT-VALUE})")
    private int parallel;

    @Option(names = "--strategy", defaultValue = "pool", paramLabel = "NAME",
            description = "where parents come from: pool (ASI-Arch's: the parent from the pool's top ten, references "
                    + "from ranks 11 to 50) or random (every candidate from the baseline, no references) "
                    + "(default: ${DEFAULT-VALUE})")
    private String strategy;

    @Option(names = "--baseline-seeds", defaultValue = "" + CampaignSpec.DEFAULT_BASELINE_SEEDS, paramLabel = "S",
            description = "screen the baseline with S seeds (its campaign run included) so that every candidate is "
                    + "told against the spread of loss, benchmarks and fitness; 1 measures no noise floor "
                    + "(default: ${DEFAULT-VALUE})")
    private int baselineSeeds;

    /** The campaign these options ask for; a bad value is a usage error naming its option. */
    CampaignRequest request(CommandSpec spec) {
        CampaignRequest request = new CampaignRequest(experiments, profile, seed, poolRefresh, repairRounds, llmBudget,
                gpuBudgetHours, parallel, validateTop, validationProfile, validationSeeds, strategy, baselineSeeds);
        List<String> problems = request.problems();
        if (!problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--" + problems.get(0));
        }
        return request;
    }
}
