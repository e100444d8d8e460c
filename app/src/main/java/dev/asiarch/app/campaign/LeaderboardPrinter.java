package dev.asiarch.app.campaign;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
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
        int nameWidth = Math.max(4, entries.stream().mapToInt(e -> e.name().length()).max().orElse(4));
        int parentWidth = Math.max(6, entries.stream().mapToInt(e -> e.parentName().length()).max().orElse(6));
        String format = "%-4s  %-" + nameWidth + "s  %-" + parentWidth + "s  %9s  %6s  %7s  %8s  %s%n";
        out.printf(Locale.ROOT, format, "rank", "name", "parent", "val loss", "bench", "fitness", "params", "status");
        for (LeaderboardEntry e : entries) {
            out.printf(Locale.ROOT, format,
                    e.trained() ? String.valueOf(e.rank()) : "-",
                    e.name(),
                    e.parentName(),
                    number(e.validationLoss(), "%.4f"),
                    number(e.benchmarkScore(), "%.3f"),
                    number(e.fitness(), "%.3f"),
                    e.parameters() > 0 ? String.valueOf(e.parameters()) : "-",
                    e.statusLine() + e.validation().map(v -> v.beatsBaseline() ? ", validated: beats the baseline"
                            : ", validated: not significantly better").orElse(""));
        }
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

    private static String number(OptionalDouble value, String format) {
        return value.isPresent() ? String.format(Locale.ROOT, format, value.getAsDouble()) : "-";
    }

    private static String shortId(String experimentId) {
        return experimentId.substring(experimentId.lastIndexOf('-') + 1);
    }
}
