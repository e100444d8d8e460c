package dev.asiarch.app.gallery;

import dev.asiarch.app.console.ProgressBar;
import dev.asiarch.core.validation.Spread;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.kernels.programs.Gallery;
import dev.asiarch.gpu.sandbox.CandidateSandbox;
import dev.asiarch.gpu.sandbox.ChildJvm;
import dev.asiarch.workflows.activities.CheckReport;
import dev.asiarch.workflows.activities.ScreeningReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Screens gallery programs on a profile with several seeds, each through exactly the path a candidate
 * takes (compile, checks and training in child JVMs), and reports mean and spread per measure, the
 * pairs that differ by more than their spread, and a CSV of every run.
 */
public final class GalleryRun {

    /** One program's check and its runs, one per seed. */
    public record Entry(String name, CheckReport check, List<ScreeningReport> runs, List<Double> runSeconds) {

        public Entry {
            runSeconds = runSeconds == null ? List.of() : List.copyOf(runSeconds);
        }

        Optional<Spread> measure(String key) {
            List<Double> values = new ArrayList<>();
            for (ScreeningReport run : runs) {
                run.trainedMetrics().ifPresent(m -> values.add(key.equals(VALIDATION_LOSS) ? m.validationLoss()
                        : m.benchmarks().getOrDefault(key, Double.NaN)));
            }
            return values.isEmpty() ? Optional.empty() : Optional.of(Spread.of(values));
        }
    }

    static final String VALIDATION_LOSS = "val-loss";

    private final CandidateSandbox sandbox;
    private final ScreeningProfile profile;
    private final PrintWriter out;

    public GalleryRun(CandidateSandbox sandbox, ScreeningProfile profile, PrintWriter out) {
        this.sandbox = sandbox;
        this.profile = profile;
        this.out = out;
    }

    public List<Entry> run(List<String> names, int seeds) throws InterruptedException {
        List<Entry> entries = new ArrayList<>();
        ChildJvm.Listener quiet = ChildJvm.Listener.onTick(() -> { });
        int done = 0;
        for (String name : names) {
            String source = Gallery.source(name);
            String id = "gallery-" + name;
            CheckReport check = Gallery.isReference(name)
                    ? sandbox.checkReference(id, source, profile, 0, quiet)
                    : sandbox.check(id, source, profile, 0, quiet);
            List<ScreeningReport> runs = new ArrayList<>();
            List<Double> seconds = new ArrayList<>();
            if (check instanceof CheckReport.Failed failed) {
                done += seeds;
                out.printf("%s: checks failed (%s): %s  %s%n", name, failed.failure(), failed.diagnostic(),
                        ProgressBar.render(done, names.size() * seeds, "runs"));
            }
            for (int seed = 1; check.passed() && seed <= seeds; seed++) {
                long started = System.nanoTime();
                ScreeningReport report = sandbox.train(id + "-s" + seed, source, profile, seed, Optional.empty(), quiet);
                runs.add(report);
                seconds.add((System.nanoTime() - started) / 1e9);
                done++;
                out.printf(Locale.ROOT, "%s seed %d: %s (%.0f s)  %s%n", name, seed, describe(report),
                        seconds.get(seconds.size() - 1), ProgressBar.render(done, names.size() * seeds, "runs"));
                out.flush();
            }
            entries.add(new Entry(name, check, runs, seconds));
        }
        return entries;
    }

    private static String describe(ScreeningReport report) {
        if (report instanceof ScreeningReport.Failed failed) {
            return "FAILED " + failed.failure() + ": " + failed.diagnostic();
        }
        TrainingMetrics metrics = ((ScreeningReport.Trained) report).metrics();
        return String.format(Locale.ROOT, "validation loss %.4f, %s", metrics.validationLoss(), metrics.benchmarks());
    }

    /** The measures of a profile: validation loss, then each benchmark's label. */
    public List<String> measures() {
        List<String> measures = new ArrayList<>(List.of(VALIDATION_LOSS));
        profile.benchmarks().forEach(b -> measures.add(b.label()));
        return measures;
    }

    public void printTable(List<Entry> entries) {
        List<String> measures = measures();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-20s", "program"));
        measures.forEach(m -> header.append(String.format(Locale.ROOT, "  %-18s", m)));
        header.append(String.format(Locale.ROOT, "  %9s  %9s", "params", "tokens/s"));
        out.println(header);
        for (Entry entry : entries) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-20s", entry.name()));
            for (String measure : measures) {
                row.append(String.format(Locale.ROOT, "  %-18s",
                        entry.measure(measure).map(Spread::toString).orElse("-")));
            }
            Optional<TrainingMetrics> first = entry.runs().stream().flatMap(r -> r.trainedMetrics().stream()).findFirst();
            double tokens = entry.runs().stream().flatMap(r -> r.trainedMetrics().stream())
                    .mapToDouble(TrainingMetrics::tokensPerSecond).average().orElse(0);
            row.append(String.format(Locale.ROOT, "  %9s  %9.0f",
                    first.map(m -> String.valueOf(m.parameters())).orElse("-"), tokens));
            out.println(row);
        }
        out.flush();
    }

    /** For each measure, the pairs whose means differ by more than the sum of their standard deviations. */
    public void printDifferences(List<Entry> entries) {
        for (String measure : measures()) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                for (int j = i + 1; j < entries.size(); j++) {
                    Optional<Spread> a = entries.get(i).measure(measure);
                    Optional<Spread> b = entries.get(j).measure(measure);
                    if (a.isPresent() && b.isPresent() && a.get().differsFrom(b.get())) {
                        boolean aBetter = measure.equals(VALIDATION_LOSS) ? a.get().mean() < b.get().mean()
                                : a.get().mean() > b.get().mean();
                        Entry better = aBetter ? entries.get(i) : entries.get(j);
                        Entry worse = aBetter ? entries.get(j) : entries.get(i);
                        pairs.add(better.name() + " > " + worse.name());
                    }
                }
            }
            out.printf("%s: %d pairs differ beyond their spread%s%n", measure, pairs.size(),
                    pairs.isEmpty() ? "" : ": " + String.join(", ", pairs));
        }
        out.flush();
    }

    /** One row per run: program, seed, status, validation loss, each benchmark, parameters, tokens/s, seconds. */
    public void writeCsv(List<Entry> entries, Path file) {
        List<String> lines = new ArrayList<>();
        Set<String> benchmarks = new LinkedHashSet<>(measures().subList(1, measures().size()));
        lines.add("program,seed,status,validation_loss," + String.join(",", benchmarks)
                + ",parameters,tokens_per_second,train_seconds,run_seconds");
        for (Entry entry : entries) {
            if (entry.runs().isEmpty()) {
                lines.add(entry.name() + ",,CHECK_FAILED " + ((CheckReport.Failed) entry.check()).failure() + ",,"
                        + ",".repeat(benchmarks.size()) + ",,,");
            }
            for (int i = 0; i < entry.runs().size(); i++) {
                ScreeningReport run = entry.runs().get(i);
                Map<String, String> cells = new LinkedHashMap<>();
                cells.put("program", entry.name());
                cells.put("seed", String.valueOf(i + 1));
                cells.put("status", run instanceof ScreeningReport.Failed failed ? "FAILED " + failed.failure() : "TRAINED");
                TrainingMetrics m = run.trainedMetrics().orElse(null);
                cells.put("validation_loss", m == null ? "" : String.valueOf(m.validationLoss()));
                for (String benchmark : benchmarks) {
                    cells.put(benchmark, m == null ? "" : String.valueOf(m.benchmarks().getOrDefault(benchmark, Double.NaN)));
                }
                cells.put("parameters", m == null ? "" : String.valueOf(m.parameters()));
                cells.put("tokens_per_second", m == null ? "" : String.format(Locale.ROOT, "%.1f", m.tokensPerSecond()));
                cells.put("train_seconds", m == null ? "" : String.format(Locale.ROOT, "%.2f", m.trainSeconds()));
                cells.put("run_seconds", i < entry.runSeconds().size()
                        ? String.format(Locale.ROOT, "%.2f", entry.runSeconds().get(i)) : "");
                lines.add(String.join(",", cells.values()));
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
