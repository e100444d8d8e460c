package dev.asiarch.app.cli;

import dev.asiarch.app.AsiArchApplication;
import dev.asiarch.app.campaign.CampaignRunner;
import dev.asiarch.app.campaign.LeaderboardPrinter;
import dev.asiarch.app.config.AsiArchProperties;
import dev.asiarch.app.wiring.SearchAttributeRegistration;
import dev.asiarch.artifacts.PortInUseException;
import dev.asiarch.artifacts.S3Settings;
import dev.asiarch.core.pool.CandidatePool;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.workflows.campaign.CampaignPhase;
import dev.asiarch.workflows.campaign.CampaignResult;
import dev.asiarch.workflows.campaign.CampaignSpec;
import dev.asiarch.workflows.continuous.LoopProgress;
import dev.asiarch.workflows.continuous.LoopSpec;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code discover}: run one discovery campaign to the end and print its leaderboard. */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = "Run a discovery campaign: measure the DeltaNet baseline, then propose, check, train and "
                + "record N new architectures. Embedded Temporal, database and object store unless configured "
                + "otherwise.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:campaign finished (or stopped at its LLM budget)", "1:campaign failed (baseline could not be trained)",
                "2:bad command line", "3:could not start (port in use, bad setting, service unreachable)"})
public final class DiscoverCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--experiments", defaultValue = "3", paramLabel = "N",
            description = "candidate experiments after the baseline (default: ${DEFAULT-VALUE})")
    private int experiments;

    @Option(names = "--profile", defaultValue = "cpu-tiny", paramLabel = "NAME",
            description = "screening profile (default: ${DEFAULT-VALUE}); known: cpu-tiny, cpu-smoke")
    private String profile;

    @Option(names = "--seed", defaultValue = "1", description = "campaign seed (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--pool-refresh", defaultValue = "50", paramLabel = "N",
            description = "admitted candidates collected before the pool is rebuilt (default: ${DEFAULT-VALUE})")
    private int poolRefresh;

    @Option(names = "--repair-rounds", defaultValue = "3", paramLabel = "K",
            description = "times the Engineer may repair a candidate that fails its checks; needs an LLM "
                    + "(default: ${DEFAULT-VALUE})")
    private int repairRounds;

    @Option(names = "--llm-budget", defaultValue = "0", paramLabel = "USD",
            description = "US dollars the campaign's model calls may cost before it stops proposing; 0 for no cap "
                    + "(default: ${DEFAULT-VALUE})")
    private double llmBudget;

    @Option(names = "--gpu-budget", defaultValue = "0", paramLabel = "HOURS",
            description = "hours of checking and training the campaign may use before it stops starting experiments; "
                    + "0 for no cap (default: ${DEFAULT-VALUE})")
    private double gpuBudgetHours;

    @Option(names = "--validate-top", defaultValue = "0", paramLabel = "K",
            description = "at the end, screen the best K candidates and the baseline again with more seeds and report "
                    + "which beat it significantly (default: ${DEFAULT-VALUE}, none)")
    private int validateTop;

    @Option(names = "--validation-profile", defaultValue = "cpu-small", paramLabel = "NAME",
            description = "profile of the end's validation (default: ${DEFAULT-VALUE})")
    private String validationProfile;

    @Option(names = "--validation-seeds", defaultValue = "3", paramLabel = "S",
            description = "seeds per design in the end's validation, at least 2 (default: ${DEFAULT-VALUE})")
    private int validationSeeds;

    @Option(names = "--every", converter = Every.class, paramLabel = "INTERVAL",
            description = "continuous discovery: a new campaign every INTERVAL (e.g. 6h), until --increments ran or it "
                    + "is stopped; on the embedded server a timer-driven workflow (it has no Temporal Schedules)")
    private Duration every;

    @Option(names = "--increments", defaultValue = "0", paramLabel = "K",
            description = "with --every: campaigns to run, 0 until stopped (default: ${DEFAULT-VALUE})")
    private int increments;

    @Option(names = "--parallel", defaultValue = "1", paramLabel = "P",
            description = "candidate experiments in flight at once; each GPU worker trains one at a time "
                    + "(default: ${DEFAULT-VALUE})")
    private int parallel;

    @Mixin
    private ApplicationOptions application;


    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        ConfigurableApplicationContext context;
        try {
            context = AsiArchApplication.commandLine()
                    .run(application.springArguments());
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("asi-arch: cannot start: " + startupMessage(e));
            spec.commandLine().getErr().flush();
            return ExitCodes.STARTUP;
        }
        try (context) {
            AsiArchProperties properties = context.getBean(AsiArchProperties.class);
            CampaignSpec campaign = CampaignSpec.of(newCampaignId(), experiments, profile, seed)
                    .withPool(CandidatePool.DEFAULT_CAPACITY, poolRefresh)
                    .withRepairRounds(repairRounds)
                    .withBudgets(llmBudget, gpuBudgetHours)
                    .withParallelism(parallel)
                    .withSearchAttributes(context.getBean(SearchAttributeRegistration.class).enabled())
                    .withValidation(validateTop == 0 ? CampaignSpec.ValidationPlan.none()
                            : new CampaignSpec.ValidationPlan(validateTop, validationProfile, validationSeeds));
            if (every != null) {
                String loopId = "loop" + campaign.campaignId().substring(1);
                out.printf("loop %s: a campaign of %d experiments every %s%s, profile %s; the embedded server has no "
                                + "Temporal Schedules, so a timer-driven workflow starts them (on a real service use "
                                + "'asi-arch schedule'); stop it with: temporal workflow signal --workflow-id %s --name "
                                + "stop%n", loopId, experiments, every, increments > 0 ? ", " + increments + " times" : "",
                        profile, loopId);
                LoopProgress loop = context.getBean(CampaignRunner.class)
                        .runLoop(new LoopSpec(loopId, campaign, every, increments), out);
                out.printf("loop %s ended after %d campaigns%n", loopId, loop.completed());
                out.flush();
                return ExitCodes.OK;
            }
            out.printf("campaign %s: DeltaNet baseline + %d experiments, profile %s, seed %d%n",
                    campaign.campaignId(), experiments, profile, seed);
            SearchAttributeRegistration searchAttributes = context.getBean(SearchAttributeRegistration.class);
            if (!searchAttributes.enabled()) {
                out.println("note: experiments carry no search attributes (" + searchAttributes.reason() + ")");
            }
            CampaignRunner runner = context.getBean(CampaignRunner.class);
            CampaignResult result = runner.run(campaign, out);
            if (result.phase() == CampaignPhase.BUDGET_REACHED) {
                out.printf(Locale.ROOT, "LLM budget reached: $%.4f spent of $%.4f; %d of %d experiments ran, no new "
                        + "proposals%n", result.spentUsd(), llmBudget, result.experiments(), experiments);
            } else if (result.phase() == CampaignPhase.GPU_BUDGET_REACHED) {
                out.printf(Locale.ROOT, "GPU budget reached: %.3f of %.3f hours; %d of %d experiments ran%n",
                        result.gpuHours(), gpuBudgetHours, result.experiments(), experiments);
            }
            out.println();
            LeaderboardPrinter.print(runner.store().leaderboard(campaign.campaignId()),
                    runner.store().validationVerdicts(campaign.campaignId()), out);
            out.println();
            out.println("records:   " + context.getEnvironment().getProperty("spring.datasource.url")
                    + " (tables campaign, experiment, experiment_reference, implementation_attempt, llm_call,"
                    + " judge_score, analysis, analysis_cognition, experiment_incident)");
            out.println("artifacts: " + artifactLocation(properties, context.getBean(S3Settings.class))
                    + "campaigns/" + campaign.campaignId() + "/experiments/<id>/");
            out.flush();
            return result.phase() == CampaignPhase.FAILED ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }

    private void validate() {
        if (experiments < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--experiments must be at least 1, was " + experiments);
        }
        if (poolRefresh < 1) {
            throw new ParameterException(spec.commandLine(), "--pool-refresh must be at least 1, was " + poolRefresh);
        }
        if (!(llmBudget >= 0) || Double.isInfinite(llmBudget)) {
            throw new ParameterException(spec.commandLine(), "--llm-budget must be a number of dollars >= 0, was "
                    + llmBudget);
        }
        if (repairRounds < 0) {
            throw new ParameterException(spec.commandLine(), "--repair-rounds cannot be negative, was " + repairRounds);
        }
        if (!(gpuBudgetHours >= 0) || Double.isInfinite(gpuBudgetHours)) {
            throw new ParameterException(spec.commandLine(), "--gpu-budget must be a number of hours >= 0, was "
                    + gpuBudgetHours);
        }
        if (validateTop < 0) {
            throw new ParameterException(spec.commandLine(), "--validate-top cannot be negative, was " + validateTop);
        }
        if (validateTop > 0 && validationSeeds < 2) {
            throw new ParameterException(spec.commandLine(), "--validation-seeds must be at least 2 for a significance "
                    + "test, was " + validationSeeds);
        }
        if (validateTop > 0) {
            try {
                ScreeningProfiles.byName(validationProfile);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--validation-profile: " + e.getMessage());
            }
        }
        if (parallel < 1) {
            throw new ParameterException(spec.commandLine(), "--parallel must be at least 1, was " + parallel);
        }
        if (increments < 0) {
            throw new ParameterException(spec.commandLine(), "--increments cannot be negative (0: until stopped), was "
                    + increments);
        }
        if (increments > 0 && every == null) {
            throw new ParameterException(spec.commandLine(), "--increments needs --every INTERVAL (e.g. --every 6h)");
        }
        try {
            ScreeningProfiles.byName(profile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--profile: " + e.getMessage());
        }
    }


    private static String artifactLocation(AsiArchProperties properties, S3Settings s3) {
        return properties.s3().mode() == AsiArchProperties.Mode.EMBEDDED
                ? properties.dataDir().resolve("s3").resolve(s3.bucket()) + "/"
                : s3.endpoint() + "/" + s3.bucket() + "/";
    }

    /** The message of the innermost cause we wrote ourselves, else of the root cause. */
    static String startupMessage(Throwable error) {
        Throwable root = error;
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof PortInUseException || cause instanceof IllegalArgumentException) {
                return cause.getMessage();
            }
            root = cause;
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String newCampaignId() {
        byte[] random = new byte[2];
        new SecureRandom().nextBytes(random);
        return "c-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + HexFormat.of().formatHex(random);
    }
}
