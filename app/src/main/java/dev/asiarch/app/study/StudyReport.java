package dev.asiarch.app.study;

import dev.asiarch.activities.store.ExperimentOutline;
import dev.asiarch.app.report.CampaignReport;
import dev.asiarch.app.report.StudyPlot;
import dev.asiarch.core.validation.Significance;
import dev.asiarch.core.validation.Spread;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * A study's campaigns summed up per strategy: the table (mean and 95% interval across seeds of the final
 * best fitness, the area under the best-fitness curve, the best loss and its gain over the baseline along
 * the campaign; experiments until the first candidate beyond the noise floor; validation's confirmations),
 * a verdict from Welch's test on the areas, the curves as PNG, and a CSV of every experiment.
 */
public final class StudyReport {

    private final List<CampaignCurve> campaigns;
    private final Map<String, List<CampaignCurve>> byStrategy;

    public StudyReport(List<CampaignCurve> campaigns) {
        this.campaigns = List.copyOf(campaigns);
        this.byStrategy = campaigns.stream().collect(Collectors.groupingBy(CampaignCurve::strategy, LinkedHashMap::new,
                Collectors.toList()));
    }

    /** The table, one row per strategy, then the verdict. */
    public void print(PrintWriter out) {
        out.println(header());
        byStrategy.forEach((strategy, runs) -> out.println(row(strategy, runs)));
        out.println();
        out.println("verdict: " + verdict());
        out.flush();
    }

    private static String header() {
        return String.format(Locale.ROOT, "%-8s  %5s  %-19s  %-19s  %-19s  %-17s  %-14s  %-9s  %s", "strategy", "seeds",
                "final best fitness", "fitness AUC", "final best loss", "loss gain AUC %", "first > noise",
                "confirmed", "parents beyond baseline");
    }

    private static String row(String strategy, List<CampaignCurve> runs) {
        String first = runs.stream().map(c -> c.firstBeyondNoise().isPresent()
                ? String.valueOf(c.firstBeyondNoise().getAsInt()) : "-").collect(Collectors.joining(","));
        int validated = runs.stream().mapToInt(CampaignCurve::validated).sum();
        int confirmed = runs.stream().mapToInt(CampaignCurve::confirmed).sum();
        return String.format(Locale.ROOT, "%-8s  %5d  %-19s  %-19s  %-19s  %-17s  %-14s  %-9s  %s", strategy,
                runs.size(), interval(runs, CampaignCurve::finalFitness, "%.3f"),
                interval(runs, CampaignCurve::fitnessArea, "%.3f"), interval(runs, CampaignCurve::finalLoss, "%.4f"),
                interval(runs, CampaignCurve::lossGainArea, "%.2f"), first,
                validated == 0 ? "-" : confirmed + "/" + validated,
                runs.stream().map(c -> String.valueOf(c.parentsBeyondBaseline())).collect(Collectors.joining(",")));
    }

    /** {@code mean ± half-width of the 95% interval} across the strategy's seeds. */
    private static String interval(List<CampaignCurve> runs, ToDoubleFunction<CampaignCurve> measure, String format) {
        Spread spread = Spread.of(runs.stream().map(c -> measure.applyAsDouble(c)).toList());
        return String.format(Locale.ROOT, format, spread.mean()) + (spread.n() < 2 ? ""
                : " ± " + String.format(Locale.ROOT, format, spread.halfWidth95()));
    }

    /**
     * Whether one strategy's area under the best-fitness curve is larger than the other's by Welch's one-sided
     * test at 5%, each way; said plainly when neither is.
     */
    public String verdict() {
        List<String> strategies = new ArrayList<>(byStrategy.keySet());
        if (strategies.size() < 2) {
            return "one strategy only; nothing to compare";
        }
        String a = strategies.get(0);
        String b = strategies.get(1);
        List<Double> areasA = areas(a);
        List<Double> areasB = areas(b);
        if (areasA.size() < 2 || areasB.size() < 2) {
            return "fewer than two seeds per strategy; no test";
        }
        // Significance tests "lower is better": negated areas make "larger area" the better side.
        Significance.Comparison aOverB = Significance.compare(negated(areasA), negated(areasB));
        Significance.Comparison bOverA = Significance.compare(negated(areasB), negated(areasA));
        String figures = String.format(Locale.ROOT, "fitness AUC %s %.3f ± %.3f, %s %.3f ± %.3f (sd over %d and %d "
                        + "seeds); Welch t = %.2f, critical %.2f", a, Spread.of(areasA).mean(), Spread.of(areasA).sd(), b,
                Spread.of(areasB).mean(), Spread.of(areasB).sd(), areasA.size(), areasB.size(), aOverB.t(),
                aOverB.criticalT());
        if (aOverB.beatsBaseline()) {
            return a + " finds better designs sooner than " + b + " (" + figures + ")";
        }
        if (bOverA.beatsBaseline()) {
            return b + " finds better designs sooner than " + a + " (" + figures + ")";
        }
        return "no difference between " + a + " and " + b + " is detectable at 5% with these seeds (" + figures + ")";
    }

    private List<Double> areas(String strategy) {
        return byStrategy.get(strategy).stream().map(CampaignCurve::fitnessArea).toList();
    }

    private static List<Double> negated(List<Double> values) {
        return values.stream().map(v -> -v).toList();
    }

    /** Per strategy, the mean across seeds of a best-so-far curve and its 95% band. */
    public Map<String, StudyPlot.Band> bands(Function<CampaignCurve, List<Double>> curve) {
        Map<String, StudyPlot.Band> bands = new LinkedHashMap<>();
        byStrategy.forEach((strategy, runs) -> {
            int length = runs.stream().mapToInt(c -> curve.apply(c).size()).min().orElse(0);
            List<Double> mean = new ArrayList<>();
            List<Double> low = new ArrayList<>();
            List<Double> high = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                int at = i;
                Spread spread = Spread.of(runs.stream().map(c -> curve.apply(c).get(at)).toList());
                mean.add(spread.mean());
                low.add(spread.mean() - spread.halfWidth95());
                high.add(spread.mean() + spread.halfWidth95());
            }
            bands.put(strategy, new StudyPlot.Band(mean, low, high));
        });
        return bands;
    }

    public byte[] fitnessPlot() {
        return StudyPlot.png("Best fitness so far (mean and 95% band across seeds)", "best fitness",
                bands(CampaignCurve::bestFitness));
    }

    public byte[] lossPlot() {
        return StudyPlot.png("Best validation loss so far (mean and 95% band across seeds)", "validation loss (nats)",
                bands(CampaignCurve::bestLoss));
    }

    /** Every experiment of every campaign, one line each. */
    public List<String> csv() {
        List<String> lines = new ArrayList<>();
        lines.add("strategy,seed,campaign,index,experiment,name,parent,second_parent,status,failure,validation_loss,"
                + "benchmark,fitness,kept_out,fitness_sigmas,within_noise,best_fitness_so_far,best_loss_so_far,"
                + "validated_fitness,validation_beats_baseline");
        for (CampaignCurve c : campaigns) {
            for (CampaignCurve.Row r : c.rows()) {
                ExperimentOutline e = r.experiment();
                lines.add(String.join(",", c.strategy(), String.valueOf(c.seed()), c.campaignId(),
                        String.valueOf(r.index()), e.experimentId(), quoted(e.name()), e.parentId().orElse(""),
                        e.secondParentId().orElse(""), e.status().name(),
                        e.failureReason().map(Enum::name).orElse(""), number(e.validationLoss()),
                        number(e.benchmarkScore()), number(e.fitness()),
                        r.verdict().flatMap(v -> v.exclusion()).map(Enum::name).orElse(""),
                        r.standing().map(s -> format(s.fitnessSigmas())).orElse(""),
                        r.standing().map(s -> String.valueOf(s.withinNoise())).orElse(""),
                        format(r.bestFitness()), format(r.bestLoss()),
                        r.validation().map(v -> number(v.meanFitness())).orElse(""),
                        r.validation().map(v -> String.valueOf(v.beatsBaseline())).orElse("")));
            }
        }
        return lines;
    }

    /** A self-contained page: the seeds, the table, the verdict and both plots. */
    public String html(String title, List<String> facts) {
        StringBuilder page = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(CampaignReport.escape(title)).append("</title><style>body{font-family:sans-serif;max-width:1000px;margin:auto}"
                        + "pre{background:#f6f6f6;padding:8px;overflow-x:auto}</style></head><body>\n<h1>")
                .append(CampaignReport.escape(title)).append("</h1>\n<ul>\n");
        facts.forEach(fact -> page.append("<li>").append(CampaignReport.escape(fact)).append("</li>\n"));
        page.append("</ul>\n<pre>").append(CampaignReport.escape(header())).append('\n');
        byStrategy.forEach((strategy, runs) -> page.append(CampaignReport.escape(row(strategy, runs))).append('\n'));
        page.append("</pre>\n<p><b>Verdict:</b> ").append(CampaignReport.escape(verdict())).append("</p>\n");
        page.append("<p>");
        CampaignReport.image(page, fitnessPlot(), "best fitness so far");
        page.append("</p>\n<p>");
        CampaignReport.image(page, lossPlot(), "best validation loss so far");
        page.append("</p>\n");
        page.append("<h2>Campaigns</h2>\n<pre>");
        for (CampaignCurve c : campaigns) {
            OptionalInt first = c.firstBeyondNoise();
            page.append(CampaignReport.escape(String.format(Locale.ROOT, "%-7s seed %-4d %s  final best fitness %.3f, best loss %.4f "
                            + "(baseline %.4f), first beyond noise %s, validated %d confirmed %d%s", c.strategy(),
                    c.seed(), c.campaignId(), c.finalFitness(), c.finalLoss(), c.baselineLoss(),
                    first.isPresent() ? "e" + first.getAsInt() : "never", c.validated(), c.confirmed(),
                    c.noise().map(n -> ", noise floor loss " + n.loss() + " over " + n.runs().size() + " seeds")
                            .orElse("")))).append('\n');
        }
        page.append("</pre>\n</body></html>\n");
        return page.toString();
    }

    private static String quoted(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String number(OptionalDouble value) {
        return value.isPresent() ? format(value.getAsDouble()) : "";
    }

    private static String format(double value) {
        return Double.isInfinite(value) ? (value > 0 ? "inf" : "-inf") : String.format(Locale.ROOT, "%.6g", value);
    }
}
