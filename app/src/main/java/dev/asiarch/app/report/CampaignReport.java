package dev.asiarch.app.report;

import dev.asiarch.activities.store.CampaignRow;
import dev.asiarch.activities.store.ExperimentOutline;
import dev.asiarch.app.campaign.CampaignHistory;
import dev.asiarch.app.campaign.LeaderboardEntry;
import dev.asiarch.app.campaign.LeaderboardPrinter;
import dev.asiarch.core.fitness.NoiseFloor;
import dev.asiarch.core.validation.RankCorrelation;
import dev.asiarch.core.experiment.ExperimentRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * A campaign's report as one self-contained HTML page: its facts, PNG plots inlined (best fitness
 * against experiments and against compute, the winners' lineage and loss curves), the leaderboard,
 * the candidates the filter kept out of the pool and why, and what the Researcher, Judge and Analyst
 * said about each winner. A suspected leak is never a winner nor the best fitness.
 */
public final class CampaignReport {

    /** Winners the plots and the write-ups cover. */
    public static final int WINNERS = 3;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private CampaignReport() {
    }

    /** The report's plots by name, as PNG bytes: what the page inlines. */
    public static Map<String, byte[]> plots(CampaignHistory history, Details details) {
        return Map.of(
                "fitness-by-experiment", ReportPlots.fitnessByExperiment(history),
                "fitness-by-compute", ReportPlots.fitnessByCompute(history),
                "lineage", ReportPlots.lineage(history, history.winners(WINNERS)),
                "curves", ReportPlots.curves(details.winners(), details.baseline()));
    }

    /** The full records the report shows beyond the campaign's outlines: the winners' and the baseline's. */
    public record Details(List<ExperimentRecord> winners, Optional<ExperimentRecord> baseline) {

        /** Reads them from {@code find}, e.g. {@code ExperimentStore::find}. */
        public static Details of(CampaignHistory history, Function<String, Optional<ExperimentRecord>> find) {
            return new Details(history.winners(WINNERS).stream().map(w -> find.apply(w.experimentId()))
                    .flatMap(Optional::stream).toList(),
                    history.baseline().flatMap(b -> find.apply(b.experimentId())));
        }
    }

    public static String html(CampaignRow campaign, CampaignHistory history, Details details,
                              List<LeaderboardEntry> leaderboard, Instant generatedAt) {
        return html(campaign, history, details, leaderboard, Optional.empty(), Map.of(), generatedAt);
    }

    /**
     * The page, with the campaign's noise floor (each candidate told in the baseline's standard deviations)
     * and its screening fidelity against each validation profile, when it measured them.
     */
    public static String html(CampaignRow campaign, CampaignHistory history, Details details,
                              List<LeaderboardEntry> leaderboard, Optional<NoiseFloor> noise,
                              Map<String, Map<String, RankCorrelation>> fidelity, Instant generatedAt) {
        StringBuilder page = new StringBuilder();
        page.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>ASI-Arch campaign ").append(escape(campaign.id())).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#222;padding:0 1em}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border-bottom:1px solid #ddd;padding:4px 10px;")
                .append("text-align:left}th{background:#f3f6fb}td.n{text-align:right;font-variant-numeric:tabular-nums}")
                .append("img{max-width:100%;border:1px solid #ddd;margin:0.5em 0}pre{white-space:pre-wrap;")
                .append("background:#f7f7f7;padding:0.6em}.muted{color:#666}tr.leak td,p.leak{color:#8a1c1c}")
                .append("</style></head><body>\n");
        page.append("<h1>Campaign ").append(escape(campaign.id())).append("</h1>\n");
        page.append("<p class=\"muted\">Report generated ").append(TIME.format(generatedAt)).append(".</p>\n");
        page.append("<table>");
        row(page, "status", campaign.status());
        row(page, "profile", campaign.profile());
        row(page, "seed", String.valueOf(campaign.seed()));
        row(page, "strategy", campaign.strategy() + (campaign.strategy().equals("random")
                ? " (every candidate proposed from the baseline, no references)"
                : " (parents from the pool's top ten, references from ranks 11 to 50)"));
        row(page, "baseline seeds", campaign.baselineSeeds() + (campaign.baselineSeeds() > 1 ? " (the noise floor)"
                : " (no noise floor measured)"));
        row(page, "experiments", campaign.recorded() + " recorded of " + (campaign.experiments() + 1)
                + " asked (baseline included), " + campaign.trained() + " trained");
        row(page, "started", TIME.format(Instant.ofEpochMilli(campaign.startedAtMillis())));
        campaign.finishedAtMillis().ifPresent(t -> row(page, "finished", TIME.format(Instant.ofEpochMilli(t))));
        List<CampaignHistory.Progress> progress = history.progress();
        if (!progress.isEmpty()) {
            row(page, "training compute", String.format(Locale.ROOT, "%.3f hours",
                    progress.get(progress.size() - 1).computeHours()));
        }
        Map<String, Long> failures = history.failuresByReason();
        row(page, "failures", failures.isEmpty() ? "none" : failures.toString().replaceAll("[{}]", ""));
        page.append("</table>\n");
        if (history.isEmpty()) {
            page.append("<p>No experiment has been recorded yet.</p></body></html>\n");
            return page.toString();
        }
        Map<String, byte[]> plots = plots(history, details);
        page.append("<h2>Best fitness</h2>\n<p>Fitness is ASI-Arch's: the loss term and the benchmark term against ")
                .append("the baseline measured in this campaign (the baseline scores 0.5).")
                .append(history.suspectedLeaks().isEmpty() ? "" : " Suspected leaks are drawn apart and never count as "
                        + "the best.").append("</p>\n");
        image(page, plots.get("fitness-by-experiment"), "Best fitness against experiments");
        image(page, plots.get("fitness-by-compute"), "Best fitness against training hours");
        page.append("<h2>Lineage of the winners</h2>\n");
        image(page, plots.get("lineage"), "Lineage of the winners");
        page.append("<h2>Training curves</h2>\n");
        image(page, plots.get("curves"), "Training loss of the winners and the baseline");
        page.append("<h2>Leaderboard</h2>\n<table><tr><th>rank</th><th>name</th><th>parent</th><th>val loss</th>")
                .append("<th>bench</th><th>fitness</th><th>vs noise</th><th>params</th><th>status</th>")
                .append("<th>validation</th></tr>\n");
        for (LeaderboardEntry e : leaderboard) {
            page.append(e.suspectedLeak() ? "<tr class=\"leak\">" : "<tr>").append("<td class=\"n\">").append(e.rank())
                    .append("</td><td>").append(escape(e.name()))
                    .append("</td><td>").append(escape(e.parentName())).append("</td><td class=\"n\">")
                    .append(number(e.validationLoss(), "%.4f")).append("</td><td class=\"n\">")
                    .append(number(e.benchmarkScore(), "%.3f")).append("</td><td class=\"n\">")
                    .append(number(e.fitness(), "%.3f")).append("</td><td>")
                    .append(escape(e.standing().map(NoiseFloor.Standing::describe).orElse("")))
                    .append("</td><td class=\"n\">").append(e.parameters())
                    .append("</td><td>").append(escape(e.statusLine()))
                    .append("</td><td>").append(e.validation().map(v -> escape(String.format(Locale.ROOT,
                            "%s over %d seeds: %s", v.profile(), v.seeds(), v.meanLoss().isPresent()
                                    ? String.format(Locale.ROOT, "%.4f ± %.4f", v.meanLoss().getAsDouble(),
                                    v.sdLoss().orElse(0)) : "did not train")
                            + LeaderboardPrinter.validated(v))).orElse(""))
                    .append("</td></tr>\n");
        }
        page.append("</table>\n");
        noise.ifPresent(floor -> leaderboard.stream().filter(LeaderboardEntry::baseline).findFirst()
                .filter(b -> b.validationLoss().isPresent())
                .ifPresent(b -> page.append("<p>").append(escape(LeaderboardPrinter.noiseFloor(floor, b)))
                        .append(".</p>\n")));
        fidelity.forEach((profile, measures) -> {
            page.append("<h2>Screening fidelity against ").append(escape(profile)).append("</h2>\n<p>Spearman's rho ")
                    .append("between what this campaign's screen measured of the validated designs (and the baseline) ")
                    .append("and what ").append(escape(profile)).append(" measured, with a 95% bootstrap interval ")
                    .append("over the designs.</p>\n<table><tr><th>measure</th><th>rho</th><th>interval</th>")
                    .append("<th>designs</th></tr>\n");
            measures.forEach((measure, r) -> page.append("<tr><td>").append(escape(measure)).append("</td><td class=\"n\">")
                    .append(Double.isNaN(r.rho()) ? "n/a" : String.format(Locale.ROOT, "%.2f", r.rho()))
                    .append("</td><td>").append(Double.isNaN(r.low()) ? "" : String.format(Locale.ROOT, "[%.2f, %.2f]",
                            r.low(), r.high())).append("</td><td class=\"n\">").append(r.n()).append("</td></tr>\n"));
            page.append("</table>\n");
        });
        keptOutOfPool(page, leaderboard);
        page.append("<h2>The winners</h2>\n");
        if (details.winners().isEmpty()) {
            page.append("<p>No trained candidate is a winner").append(history.suspectedLeaks().isEmpty() ? ""
                    : ": the only ones that trained are suspected leaks").append(".</p>\n");
        }
        for (ExperimentRecord winner : details.winners()) {
            page.append("<h3>").append(escape(winner.name())).append(" <span class=\"muted\">")
                    .append(escape(winner.experimentId())).append("</span></h3>\n<p><b>Lineage:</b> ")
                    .append(escape(String.join(" → ", history.ancestry(winner.experimentId()).stream()
                            .map(e -> e.name() + e.secondParentId().map(id -> " (× " + history.find(id)
                                    .map(ExperimentOutline::name).orElse(id) + ")").orElse(""))
                            .toList())))
                    .append("</p>\n<p><b>Motivation</b> (").append(escape(winner.researcher())).append(")</p><pre>")
                    .append(escape(winner.motivation())).append("</pre>\n");
            winner.judge().ifPresent(j -> page.append("<p><b>Judge</b> (").append(escape(j.judge()))
                    .append(String.format(Locale.ROOT, "): performance %.1f, innovation %.1f, complexity %.1f",
                            j.performance(), j.innovation(), j.complexity()))
                    .append("</p><pre>").append(escape(j.rationale())).append("</pre>\n"));
            winner.analysis().ifPresent(a -> page.append("<p><b>Analysis</b> (").append(escape(a.analyst()))
                    .append(")</p><pre>").append(escape(a.synthesis().isBlank() ? a.resultsAnalysis() : a.synthesis()))
                    .append("</pre>\n"));
        }
        page.append("</body></html>\n");
        return page.toString();
    }

    /** Every trained candidate the candidate filter keeps out of the pool, with the filter's reason. */
    private static void keptOutOfPool(StringBuilder page, List<LeaderboardEntry> leaderboard) {
        List<LeaderboardEntry> keptOut = leaderboard.stream().filter(e -> e.keptOutOfPool().isPresent()).toList();
        if (keptOut.isEmpty()) {
            return;
        }
        page.append("<h2>Kept out of the pool</h2>\n");
        if (keptOut.stream().anyMatch(LeaderboardEntry::suspectedLeak)) {
            page.append("<p class=\"leak\">A suspected leak has a validation loss more than 10% below the baseline's: ")
                    .append("a gain that large is likelier to come from reading what the model should not see than ")
                    .append("from a better design. Suspected leaks are ranked below every plausible candidate and ")
                    .append("are not counted as winners or as the best fitness.</p>\n");
        }
        page.append("<ul>\n");
        for (LeaderboardEntry e : keptOut) {
            page.append("<li><b>").append(escape(e.name())).append("</b> <span class=\"muted\">")
                    .append(escape(e.experimentId())).append("</span>: ").append(escape(e.keptOutOfPool().get()))
                    .append("</li>\n");
        }
        page.append("</ul>\n");
    }

    private static void row(StringBuilder page, String name, String value) {
        page.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>");
    }

    /** A PNG inlined into an HTML page. */
    public static void image(StringBuilder page, byte[] png, String alt) {
        page.append("<img alt=\"").append(escape(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
    }

    private static String number(OptionalDouble value, String format) {
        return value.isPresent() ? String.format(Locale.ROOT, format, value.getAsDouble()) : "-";
    }

    /** Text made safe inside HTML elements and attribute values. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
