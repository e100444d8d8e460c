package dev.asiarch.app.campaign;

import dev.asiarch.activities.store.LeaderboardRow;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a campaign's leaderboard as a fixed-width table. */
public final class LeaderboardPrinter {

    private LeaderboardPrinter() {
    }

    public static void print(List<LeaderboardRow> rows, PrintWriter out) {
        print(rows, Map.of(), out);
    }

    /** With {@code validated}: by experiment id, whether the end's validation found it beating the baseline. */
    public static void print(List<LeaderboardRow> rows, Map<String, Boolean> validated, PrintWriter out) {
        int nameWidth = Math.max(4, rows.stream().mapToInt(r -> r.name().length()).max().orElse(4));
        int parentWidth = Math.max(6, rows.stream().mapToInt(r -> r.parentName().length()).max().orElse(6));
        String format = "%-4s  %-" + nameWidth + "s  %-" + parentWidth + "s  %9s  %6s  %7s  %8s  %s%n";
        out.printf(Locale.ROOT, format, "rank", "name", "parent", "val loss", "bench", "fitness", "params", "status");
        int rank = 0;
        for (LeaderboardRow row : rows) {
            boolean trained = row.validationLoss().isPresent();
            out.printf(Locale.ROOT, format,
                    trained ? String.valueOf(++rank) : "-",
                    row.name(),
                    row.parentName(),
                    trained ? String.format(Locale.ROOT, "%.4f", row.validationLoss().getAsDouble()) : "-",
                    row.benchmarkScore().isPresent()
                            ? String.format(Locale.ROOT, "%.3f", row.benchmarkScore().getAsDouble()) : "-",
                    row.fitness().isPresent() ? String.format(Locale.ROOT, "%.3f", row.fitness().getAsDouble()) : "-",
                    row.parameters() > 0 ? String.valueOf(row.parameters()) : "-",
                    row.status() + row.failureReason().map(reason -> " (" + reason + ")").orElse("")
                            + (row.role().name().equals("BASELINE") ? " baseline" : "")
                            + (validated.containsKey(row.experimentId()) ? validated.get(row.experimentId())
                                    ? ", validated: beats the baseline" : ", validated: not significantly better" : ""));
        }
    }
}
