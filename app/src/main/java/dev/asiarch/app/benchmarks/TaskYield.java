package dev.asiarch.app.benchmarks;

import dev.asiarch.app.gallery.GalleryCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark program: what each measure of a screening profile earns for its seconds. From a gallery run
 * (its CSV and its work folder), per measure: the gallery pairs it separates beyond their spread, the seconds
 * it costs each experiment (text training for the loss; each task's own training and scoring, read from the
 * runs' training logs), and pairs separated per second.
 *
 * <pre>
 * java -cp app/target/asi-arch.jar dev.asiarch.app.benchmarks.TaskYield runs.csv asi-arch-data/work
 * </pre>
 */
public final class TaskYield {

    /** A task's line in a training log: {@code mqar-64x16: accuracy 0.067 (chance 0.016), ..., 5.5 s}. */
    private static final Pattern TASK_LINE = Pattern.compile("^(\\S+): accuracy .*, ([0-9.]+) s$");

    private TaskYield() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TaskYield <gallery.csv> <work folder of that gallery run>");
            System.exit(2);
        }
        GalleryCsv gallery = GalleryCsv.read(Path.of(args[0]));
        Map<String, List<Double>> seconds = taskSeconds(gallery, Path.of(args[1]));
        List<Double> text = gallery.trainSeconds();
        List<Double> whole = gallery.runSeconds();
        seconds.put(gallery.measures().get(0), text);
        System.out.printf(Locale.ROOT, "%d programs, %d trained runs; %s%n", gallery.runs().size(), text.size(),
                whole.isEmpty() ? "no whole-run times in this CSV"
                        : String.format(Locale.ROOT, "mean whole run (training child JVM) %.1f s", GalleryCsv.mean(whole)));
        System.out.printf(Locale.ROOT, "%-22s  %6s  %10s  %14s%n", "measure", "pairs", "s / run", "pairs / s");
        for (String measure : gallery.measures()) {
            int pairs = gallery.separatedPairs(measure);
            double cost = GalleryCsv.mean(seconds.getOrDefault(measure, List.of()));
            System.out.printf(Locale.ROOT, "%-22s  %6d  %10.1f  %14.2f%n", measure, pairs, cost,
                    cost > 0 ? pairs / cost : Double.NaN);
        }
    }

    /** Each task's seconds per run, read from the training logs of the runs the CSV lists. */
    private static Map<String, List<Double>> taskSeconds(GalleryCsv gallery, Path work) throws IOException {
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        for (Map.Entry<String, List<GalleryCsv.Run>> program : gallery.runs().entrySet()) {
            for (GalleryCsv.Run run : program.getValue()) {
                Path log = work.resolve("gallery-" + program.getKey() + "-s" + run.seed()).resolve("train")
                        .resolve("train.log");
                if (!Files.exists(log)) {
                    continue;
                }
                for (String line : Files.readAllLines(log)) {
                    Matcher m = TASK_LINE.matcher(line.strip());
                    if (m.matches()) {
                        seconds.computeIfAbsent(m.group(1), t -> new ArrayList<>()).add(Double.valueOf(m.group(2)));
                    }
                }
            }
        }
        return seconds;
    }
}
