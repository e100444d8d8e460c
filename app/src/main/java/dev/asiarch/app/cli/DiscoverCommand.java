package dev.asiarch.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asiarch.core.experiment.ArtifactLayout;
import dev.asiarch.app.AsiArchApplication;
import dev.asiarch.app.campaign.CampaignRequest;
import dev.asiarch.app.campaign.CampaignRunner;
import dev.asiarch.app.campaign.Campaigns;
import dev.asiarch.app.campaign.LeaderboardEntry;
import dev.asiarch.app.campaign.LeaderboardPrinter;
import dev.asiarch.app.config.AsiArchProperties;
import dev.asiarch.app.wiring.SearchAttributeRegistration;
import dev.asiarch.artifacts.S3Settings;
import dev.asiarch.core.fitness.NoiseFloor;
import dev.asiarch.workflows.campaign.CampaignPhase;
import dev.asiarch.workflows.campaign.CampaignResult;
import dev.asiarch.workflows.campaign.CampaignSpec;
import dev.asiarch.workflows.continuous.LoopProgress;
import dev.asiarch.workflows.continuous.LoopSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
                "2:bad command line", "3:could not start (port in use, bad setting, service unreachable)"},
        footer = {"%nWith --json, stdout holds only the result: {result, leaderboard, artifacts}."})
public final class DiscoverCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--every", converter = Every.class, paramLabel = "INTERVAL",
            description = "continuous discovery: a new campaign every INTERVAL (e.g. 6h), until --increments ran or it "
                    + "is stopped; on the embedded server a timer-driven workflow (it has no Temporal Schedules)")
    private Duration every;

    @Option(names = "--increments", defaultValue = "0", paramLabel = "K",
            description = "with --every: campaigns to run, 0 until stopped (default: ${DEFAULT-VALUE})")
    private int increments;

    @Mixin
    private CampaignOptions campaignOptions;

    @Mixin
    private ApplicationOptions application;


    @Option(names = "--dashboard", description = "serve the web dashboard and REST API while the campaign runs, on "
            + "server.address:server.port (default 127.0.0.1:8080; --set server.port=N to move it)")
    private boolean dashboard;

    @Option(names = "--json", description = "print the result as one JSON object (progress lines go to stderr)")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        CampaignRequest request = request();
        PrintWriter out = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        Optional<ConfigurableApplicationContext> started = ApplicationStart.start(dashboard
                ? AsiArchApplication.withDashboard() : AsiArchApplication.commandLine(), application.springArguments(),
                spec, "asi-arch");
        if (started.isEmpty()) {
            return ExitCodes.STARTUP;
        }
        try (ConfigurableApplicationContext context = started.get()) {
            AsiArchProperties properties = context.getBean(AsiArchProperties.class);
            CampaignSpec campaign = request.toSpec(Campaigns.newCampaignId(),
                    context.getBean(SearchAttributeRegistration.class).enabled());
            if (dashboard) {
                out.println("dashboard: " + ServeCommand.address(context));
            }
            if (every != null) {
                String loopId = "loop" + campaign.campaignId().substring(1);
                out.printf("loop %s: a campaign of %d experiments every %s%s, profile %s; the embedded server has no "
                                + "Temporal Schedules, so a timer-driven workflow starts them (on a real service use "
                                + "'asi-arch schedule'); stop it with: temporal workflow signal --workflow-id %s --name "
                                + "stop%n", loopId, request.experiments(), every,
                        increments > 0 ? ", " + increments + " times" : "", request.profile(), loopId);
                LoopProgress loop = context.getBean(CampaignRunner.class)
                        .runLoop(new LoopSpec(loopId, campaign, every, increments), out);
                out.printf("loop %s ended after %d campaigns%n", loopId, loop.completed());
                out.flush();
                if (json) {
                    printJson(context, Map.of("loopId", loopId, "campaigns", loop.completed()));
                }
                return ExitCodes.OK;
            }
            out.printf("campaign %s: DeltaNet baseline + %d experiments, profile %s, seed %d, strategy %s%s%n",
                    campaign.campaignId(), request.experiments(), request.profile(), request.seed(),
                    campaign.strategy().label(), campaign.baselineSeeds() > 1
                            ? ", baseline screened with " + campaign.baselineSeeds() + " seeds" : "");
            SearchAttributeRegistration searchAttributes = context.getBean(SearchAttributeRegistration.class);
            if (!searchAttributes.enabled()) {
                out.println("note: experiments carry no search attributes (" + searchAttributes.reason() + ")");
            }
            CampaignRunner runner = context.getBean(CampaignRunner.class);
            CampaignResult result = runner.run(campaign, out);
            if (result.phase() == CampaignPhase.BUDGET_REACHED) {
                out.printf(Locale.ROOT, "LLM budget reached: $%.4f spent of $%.4f; %d of %d experiments ran, no new "
                        + "proposals%n", result.spentUsd(), request.llmBudget(), result.experiments(),
                        request.experiments());
            } else if (result.phase() == CampaignPhase.GPU_BUDGET_REACHED) {
                out.printf(Locale.ROOT, "GPU budget reached: %.3f of %.3f hours; %d of %d experiments ran%n",
                        result.gpuHours(), request.gpuBudget(), result.experiments(), request.experiments());
            }
            String artifacts = artifactLocation(properties, context.getBean(S3Settings.class))
                    + ArtifactLayout.experimentPrefix(campaign.campaignId(), "<id>");
            if (json) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("result", result);
                document.put("leaderboard", LeaderboardEntry.of(runner.store(), campaign.campaignId()));
                document.put("artifacts", artifacts);
                printJson(context, document);
            } else {
                out.println();
                Optional<NoiseFloor> noise = runner.store().noiseFloor(campaign.campaignId());
                LeaderboardPrinter.print(LeaderboardEntry.of(runner.store(), campaign.campaignId(), noise), noise, out);
                LeaderboardPrinter.printFidelity(runner.store().fidelity(campaign.campaignId()), out);
                out.println();
                out.println("records:   " + context.getEnvironment().getProperty("spring.datasource.url")
                        + " (tables campaign, experiment, experiment_reference, implementation_attempt, llm_call,"
                        + " judge_score, analysis, analysis_cognition, experiment_incident)");
                out.println("artifacts: " + artifacts);
                out.println("report:    ./asi-arch report " + campaign.campaignId());
            }
            out.flush();
            return result.phase() == CampaignPhase.FAILED ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }

    private void printJson(ConfigurableApplicationContext context, Object document) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println(context.getBean(ObjectMapper.class).writerWithDefaultPrettyPrinter().writeValueAsString(document));
        out.flush();
    }

    private CampaignRequest request() {
        CampaignRequest request = campaignOptions.request(spec);
        if (increments < 0) {
            throw new ParameterException(spec.commandLine(), "--increments cannot be negative (0: until stopped), was "
                    + increments);
        }
        if (increments > 0 && every == null) {
            throw new ParameterException(spec.commandLine(), "--increments needs --every INTERVAL (e.g. --every 6h)");
        }
        return request;
    }

    private static String artifactLocation(AsiArchProperties properties, S3Settings s3) {
        return properties.s3().mode() == AsiArchProperties.Mode.EMBEDDED
                ? properties.dataDir().resolve("s3").resolve(s3.bucket()) + "/"
                : s3.endpoint() + "/" + s3.bucket() + "/";
    }
}
