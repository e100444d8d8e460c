package dev.asiarch.app.cli;

import dev.asiarch.activities.store.CampaignRow;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.app.AsiArchApplication;
import dev.asiarch.app.campaign.CampaignHistory;
import dev.asiarch.app.campaign.LeaderboardEntry;
import dev.asiarch.app.config.AsiArchProperties;
import dev.asiarch.app.report.CampaignReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code report}: a campaign's self-contained HTML report, from the records in the data folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a campaign's report: one self-contained HTML file with PNG plots (best fitness against "
                + "experiments and against compute, the winners' lineage and training curves), the leaderboard and "
                + "what the agents said about the winners.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report written", "1:the report could not be written (see the message)",
                "2:bad command line", "3:could not start (the database is open in another process, bad setting)",
                "4:no such campaign in the data folder"})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN", description = "campaign id, e.g. c-20261122-052839-d0f0 (discover prints it)")
    private String campaignId;

    @Option(names = "--out", paramLabel = "FILE",
            description = "where to write it (default: <data-dir>/reports/<campaign>.html)")
    private Path out;

    @Option(names = "--json", description = "print {campaign, report, bytes, plots} as JSON instead of a sentence")
    private boolean json;

    @Mixin
    private ApplicationOptions application;

    @Override
    public Integer call() throws Exception {
        Optional<ConfigurableApplicationContext> started = ApplicationStart.start(AsiArchApplication.readingRecords(),
                application.springArguments(), spec, "asi-arch report");
        if (started.isEmpty()) {
            return ExitCodes.STARTUP;
        }
        try (ConfigurableApplicationContext context = started.get()) {
            ExperimentStore store;
            Optional<CampaignRow> campaign;
            try {
                store = context.getBean(ExperimentStore.class);
                campaign = store.campaign(campaignId);
            } catch (RuntimeException e) {
                return fail(ExitCodes.STARTUP, "cannot open the records: " + ApplicationStart.startupMessage(e));
            }
            if (campaign.isEmpty()) {
                List<String> known = store.campaigns().stream().limit(5).map(CampaignRow::id).toList();
                return fail(ExitCodes.NOT_FOUND, "no campaign '" + campaignId + "' in "
                        + context.getEnvironment().getProperty("spring.datasource.url") + "; "
                        + (known.isEmpty() ? "it holds no campaigns yet (is --data-dir right?)"
                        : "the latest there: " + String.join(", ", known)));
            }
            Path target = out != null ? out : context.getBean(AsiArchProperties.class).dataDir().resolve("reports")
                    .resolve(campaignId + ".html");
            CampaignHistory history = new CampaignHistory(store.campaignOutlines(campaignId));
            CampaignReport.Details details = CampaignReport.Details.of(history, store::find);
            String html = CampaignReport.html(campaign.get(), history, details, LeaderboardEntry.of(store, campaignId),
                    store.noiseFloor(campaignId), store.fidelity(campaignId), Instant.now());
            try {
                if (target.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(target.toAbsolutePath().getParent());
                }
                Files.writeString(target, html, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return fail(ExitCodes.FAILED, "cannot write the report to " + target + " (" + e.getClass().getSimpleName()
                        + ": " + e.getMessage() + "); pass --out with a file in a folder you can write");
            }
            PrintWriter print = spec.commandLine().getOut();
            long bytes = html.getBytes(StandardCharsets.UTF_8).length;
            if (json) {
                print.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of(
                        "campaign", campaignId, "report", target.toAbsolutePath().toString(), "bytes", bytes,
                        "plots", history.isEmpty() ? 0 : CampaignReport.plots(history, details).size())));
            } else {
                print.printf("report of %s (%d experiments): %s (%d KiB, self-contained)%n", campaignId,
                        history.experiments().size(), target.toAbsolutePath(), bytes / 1024);
            }
            print.flush();
            return ExitCodes.OK;
        }
    }

    private int fail(int code, String message) {
        spec.commandLine().getErr().println("asi-arch report: " + message);
        spec.commandLine().getErr().flush();
        return code;
    }
}
