package dev.asiarch.app.cli;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.app.AsiArchApplication;
import dev.asiarch.app.campaign.CampaignRequest;
import dev.asiarch.app.campaign.CampaignRunner;
import dev.asiarch.app.campaign.Campaigns;
import dev.asiarch.app.config.AsiArchProperties;
import dev.asiarch.app.study.CampaignCurve;
import dev.asiarch.app.study.StudyReport;
import dev.asiarch.app.wiring.SearchAttributeRegistration;
import dev.asiarch.workflows.campaign.CampaignResult;
import dev.asiarch.workflows.campaign.CampaignSpec;
import dev.asiarch.workflows.campaign.SearchStrategy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code study}: the search against its alternatives, measured. K seeds times S strategies of ordinary
 * campaigns with the same options, then the table, the verdict, the curves and a CSV of every experiment.
 */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = "Run the same campaign under several strategies with several seeds (ordinary campaigns, "
                + "recorded as any other), then print per strategy the best fitness and best validation loss so far, "
                + "the area under the fitness curve with a 95%% interval across seeds, experiments until the first "
                + "candidate beyond the baseline's noise floor and how many top candidates validation confirmed; "
                + "write a page with the curves (PNG), and a CSV of every experiment, under DIR/studies/<time>/.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every campaign finished", "1:a campaign failed (its baseline did not train)",
                "2:bad command line", "3:could not start"})
public final class StudyCommand implements Callable<Integer> {

    /** A study without a noise floor could not say which candidate lies beyond the baseline's noise. */
    static final int DEFAULT_BASELINE_SEEDS = 3;

    @Spec
    private CommandSpec spec;

    @Option(names = "--strategies", split = ",", defaultValue = "pool,random", paramLabel = "NAME,...",
            description = "strategies to compare (default: ${DEFAULT-VALUE})")
    private List<String> strategies;

    @Option(names = "--seeds", defaultValue = "3", paramLabel = "K",
            description = "campaigns per strategy, with campaign seeds --seed, --seed + 1, ... (default: ${DEFAULT-VALUE})")
    private int seeds;

    @Mixin
    private CampaignOptions campaignOptions;

    @Mixin
    private ApplicationOptions application;

    @Override
    public Integer call() throws Exception {
        List<SearchStrategy> drawn = strategies();
        if (seeds < 1) {
            throw new ParameterException(spec.commandLine(), "--seeds must be at least 1, was " + seeds);
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--strategy")) {
            throw new ParameterException(spec.commandLine(), "a study runs every strategy of --strategies; "
                    + "--strategy is for one campaign");
        }
        CampaignRequest request = campaignOptions.request(spec);
        if (!spec.commandLine().getParseResult().hasMatchedOption("--baseline-seeds")) {
            request = request.withBaselineSeeds(DEFAULT_BASELINE_SEEDS);
        }
        List<Long> campaignSeeds = LongStream.range(request.seed(), request.seed() + seeds).boxed().toList();
        PrintWriter out = spec.commandLine().getOut();
        Optional<ConfigurableApplicationContext> started = ApplicationStart.start(AsiArchApplication.commandLine(),
                application.springArguments(), spec, "asi-arch");
        if (started.isEmpty()) {
            return ExitCodes.STARTUP;
        }
        try (ConfigurableApplicationContext context = started.get()) {
            boolean searchAttributes = context.getBean(SearchAttributeRegistration.class).enabled();
            CampaignRunner runner = context.getBean(CampaignRunner.class);
            ExperimentStore store = runner.store();
            out.printf(Locale.ROOT, "study: strategies %s x seeds %s x %d experiments, profile %s, baseline screened "
                            + "with %d seeds%s%n", drawn.stream().map(SearchStrategy::label).collect(Collectors.joining(",")),
                    campaignSeeds, request.experiments(), request.profile(), request.baselineSeeds(),
                    request.validateTop() > 0 ? ", top " + request.validateTop() + " validated on "
                            + request.validationProfile() + " with " + request.validationSeeds() + " seeds" : "");
            List<CampaignCurve> curves = new ArrayList<>();
            List<String> facts = new ArrayList<>();
            boolean allFinished = true;
            // Seed by seed, every strategy in turn: a study cut short still compares like with like.
            for (long seed : campaignSeeds) {
                for (SearchStrategy strategy : drawn) {
                    CampaignSpec campaign = request.withStrategyAndSeed(strategy.label(), seed)
                            .toSpec(Campaigns.newCampaignId(), searchAttributes);
                    out.printf(Locale.ROOT, "campaign %s: strategy %s, seed %d%n", campaign.campaignId(),
                            strategy.label(), seed);
                    CampaignResult result = runner.run(campaign, out);
                    facts.add("strategy " + strategy.label() + ", seed " + seed + ": campaign " + campaign.campaignId()
                            + " " + result.phase());
                    store.campaign(campaign.campaignId()).flatMap(row -> CampaignCurve.of(store, row))
                            .ifPresentOrElse(curves::add, () -> out.println("  (its baseline did not train; left out)"));
                    allFinished &= curves.stream().anyMatch(c -> c.campaignId().equals(campaign.campaignId()));
                }
            }
            StudyReport report = new StudyReport(curves);
            out.println();
            report.print(out);
            Path folder = context.getBean(AsiArchProperties.class).dataDir().resolve("studies")
                    .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            write(folder, report, request, campaignSeeds, drawn, facts);
            out.println("seeds:   " + campaignSeeds.stream().map(String::valueOf).collect(Collectors.joining(","))
                    + " (campaign seeds; the baseline's noise-floor seeds are seed + 1000000 k)");
            out.println("page:    " + folder.resolve("study.html"));
            out.println("csv:     " + folder.resolve("experiments.csv"));
            out.println("plots:   " + folder.resolve("fitness.png") + ", " + folder.resolve("loss.png"));
            out.flush();
            return allFinished ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    private List<SearchStrategy> strategies() {
        try {
            List<SearchStrategy> drawn = new ArrayList<>(new LinkedHashSet<>(strategies.stream()
                    .map(SearchStrategy::byName).toList()));
            if (drawn.isEmpty()) {
                throw new IllegalArgumentException("name at least one strategy");
            }
            return drawn;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--strategies: " + e.getMessage());
        }
    }

    private static void write(Path folder, StudyReport report, CampaignRequest request, List<Long> seeds,
                              List<SearchStrategy> drawn, List<String> facts) throws IOException {
        Files.createDirectories(folder);
        List<String> header = new ArrayList<>(List.of(
                "strategies " + drawn.stream().map(SearchStrategy::label).collect(Collectors.joining(", ")),
                "campaign seeds " + seeds, request.experiments() + " experiments per campaign on " + request.profile(),
                "baseline screened with " + request.baselineSeeds() + " seeds per campaign (the noise floor)"));
        header.addAll(facts);
        Files.writeString(folder.resolve("study.html"), report.html("ASI-Arch study", header));
        Files.write(folder.resolve("experiments.csv"), report.csv());
        Files.write(folder.resolve("fitness.png"), report.fitnessPlot());
        Files.write(folder.resolve("loss.png"), report.lossPlot());
    }
}
