package dev.asiarch.app.campaign;

import dev.asiarch.activities.store.ValidationSpread;
import dev.asiarch.core.fitness.Baseline;
import dev.asiarch.core.fitness.NoiseFloor;
import dev.asiarch.core.validation.RankCorrelation;
import dev.asiarch.core.validation.Spread;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Prints a campaign's leaderboard as a fixed-width table, then why the candidate filter kept any trained
 * candidate out of the pool.
 */
public final class LeaderboardPrinter {

    private LeaderboardPrinter() {
    }

    /** {@code entries} in their order, as {@link LeaderboardEntry#of} ranks them. */
    public static void print(List<LeaderboardEntry> entries, PrintWriter out) {
        print(entries, Optional.empty(), out);
    }

    /**
     * The table with a column of each candidate's fitness in units of the baseline's seed spread when the
     * campaign measured {@code noise}, and the floor itself under the table.
     */
    public static void print(List<LeaderboardEntry> entries, Optional<NoiseFloor> noise, PrintWriter out) {
        int nameWidth = Math.max(4, entries.stream().mapToInt(e -> e.name().length()).max().orElse(4));
        int parentWidth = Math.max(6, entries.stream().mapToInt(e -> e.parentName().length()).max().orElse(6));
        String format = "%-4s  %-" + nameWidth + "s  %-" + parentWidth + "s  %9s  %6s  %7s  %8s  %8s  %s%n";
        out.printf(Locale.ROOT, format, "rank", "name", "parent", "val loss", "bench", "fitness", "vs noise", "params",
                "status");
        for (LeaderboardEntry e : entries) {
            out.printf(Locale.ROOT, format,
                    e.trained() ? String.valueOf(e.rank()) : "-",
                    e.name(),
                    e.parentName(),
                    number(e.validationLoss(), "%.4f"),
                    number(e.benchmarkScore(), "%.3f"),
                    number(e.fitness(), "%.3f"),
                    e.standing().map(st -> NoiseFloor.Standing.sigmas(st.fitnessSigmas())).orElse("-"),
                    e.parameters() > 0 ? String.valueOf(e.parameters()) : "-",
                    e.statusLine() + e.validation().map(LeaderboardPrinter::validated).orElse(""));
        }
        noise.ifPresent(floor -> entries.stream().filter(LeaderboardEntry::baseline).findFirst()
                .filter(b -> b.validationLoss().isPresent())
                .ifPresent(b -> out.println(noiseFloor(floor, b))));
        List<LeaderboardEntry> keptOut = entries.stream().filter(e -> e.keptOutOfPool().isPresent()).toList();
        if (keptOut.isEmpty()) {
            return;
        }
        out.println();
        out.println("kept out of the pool by the candidate filter:");
        for (LeaderboardEntry e : keptOut) {
            out.printf(Locale.ROOT, "  %s (%s): %s%n", e.name(), shortId(e.experimentId()), e.keptOutOfPool().get());
        }
        if (entries.stream().anyMatch(LeaderboardEntry::suspectedLeak)) {
            out.println("suspected leaks rank below every plausible candidate and never count as the campaign's best");
        }
    }

    /**
     * The screening fidelity per validation profile: how the screen ranked the validated designs against how
     * the larger profile ranked them; nothing when no validation recorded one.
     */
    public static void printFidelity(Map<String, Map<String, RankCorrelation>> fidelity, PrintWriter out) {
        fidelity.forEach((profile, measures) -> {
            out.println();
            out.println("screening fidelity against " + profile + " (Spearman's rho over the validated designs and "
                    + "the baseline, 95% bootstrap interval):");
            measures.forEach((measure, r) -> out.printf(Locale.ROOT, "  %-22s %s%n", measure, r));
        });
    }

    /** The baseline's spread, and what "within noise" means in the table. */
    public static String noiseFloor(NoiseFloor floor, LeaderboardEntry baseline) {
        Baseline reference = new Baseline(baseline.validationLoss().getAsDouble(), baseline.benchmarkScore());
        return String.format(Locale.ROOT, "noise floor: the baseline over %d seeds: loss %s, bench %s, fitness %s; "
                        + "'vs noise' is a candidate's fitness minus 0.5 in the baseline's standard deviations, within "
                        + "%.0f of them is within noise", floor.runs().size(), floor.loss(),
                floor.benchmark().map(Spread::toString).orElse("-"), floor.fitness(reference), NoiseFloor.SIGMAS);
    }

    /** What validation said: the fitness test's verdict, its mean fitness, and the loss test's when they differ. */
    public static String validated(ValidationSpread v) {
        String fitness = v.meanFitness().isPresent()
                ? String.format(Locale.ROOT, " (fitness %.3f on %s)", v.meanFitness().getAsDouble(), v.profile()) : "";
        String loss = v.lowerLoss().filter(lower -> lower != v.beatsBaseline())
                .map(lower -> lower ? "; its loss alone is significantly lower" : "; its loss alone is not "
                        + "significantly lower").orElse("");
        return (v.beatsBaseline() ? ", validated: beats the baseline" : ", validated: not significantly better")
                + fitness + loss;
    }

    private static String number(OptionalDouble value, String format) {
        return value.isPresent() ? String.format(Locale.ROOT, format, value.getAsDouble()) : "-";
    }

    private static String shortId(String experimentId) {
        return experimentId.substring(experimentId.lastIndexOf('-') + 1);
    }
}
