package dev.asiarch.app.gallery;

import dev.asiarch.core.validation.Spread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A gallery run read back from the CSV {@link GalleryRun#writeCsv} wrote: the trained runs of each program,
 * for the figures computed after the fact (screening fidelity between two profiles, what each benchmark
 * separates per second).
 *
 * @param measures validation loss, then each benchmark's label, as the CSV's columns hold them
 * @param runs     the trained runs by program, in the CSV's order
 */
public record GalleryCsv(List<String> measures, Map<String, List<Run>> runs) {

    /** One trained run: each measure's value, and its seconds (text training; whole run when recorded). */
    public record Run(int seed, Map<String, Double> values, double trainSeconds, Optional<Double> runSeconds) {
    }

    public static GalleryCsv read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty; expected a gallery CSV");
        }
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        int loss = header.indexOf("validation_loss");
        int parameters = header.indexOf("parameters");
        int train = header.indexOf("train_seconds");
        int run = header.indexOf("run_seconds");
        if (loss < 0 || parameters < 0 || train < 0) {
            throw new IllegalArgumentException(file + " is no gallery CSV: its header is " + lines.get(0));
        }
        List<String> measures = new ArrayList<>(List.of(GalleryRun.VALIDATION_LOSS));
        measures.addAll(header.subList(loss + 1, parameters));
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells.length < header.size() - 1 || !cells[2].equals("TRAINED")) {
                continue;
            }
            Map<String, Double> values = new LinkedHashMap<>();
            values.put(GalleryRun.VALIDATION_LOSS, Double.valueOf(cells[loss]));
            for (int i = loss + 1; i < parameters; i++) {
                values.put(header.get(i), Double.valueOf(cells[i]));
            }
            Optional<Double> seconds = run >= 0 && run < cells.length && !cells[run].isEmpty()
                    ? Optional.of(Double.valueOf(cells[run])) : Optional.empty();
            runs.computeIfAbsent(cells[0], p -> new ArrayList<>()).add(new Run(Integer.parseInt(cells[1]), values,
                    Double.parseDouble(cells[train]), seconds));
        }
        return new GalleryCsv(measures, runs);
    }

    /** A program's mean and spread of one measure over its trained runs. */
    public Optional<Spread> spread(String program, String measure) {
        List<Double> values = runs.getOrDefault(program, List.of()).stream().map(r -> r.values().get(measure))
                .filter(v -> v != null).toList();
        return values.isEmpty() ? Optional.empty() : Optional.of(Spread.of(values));
    }

    /** Text training's seconds of every trained run. */
    public List<Double> trainSeconds() {
        return runs.values().stream().flatMap(List::stream).map(Run::trainSeconds).toList();
    }

    /** The training child's whole seconds of every run that recorded them. */
    public List<Double> runSeconds() {
        return runs.values().stream().flatMap(List::stream).flatMap(r -> r.runSeconds().stream()).toList();
    }

    /** The mean of some seconds; NaN for none. */
    public static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Pairs of programs whose means of {@code measure} differ by more than their spreads together. */
    public int separatedPairs(String measure) {
        List<String> programs = new ArrayList<>(runs.keySet());
        int pairs = 0;
        for (int i = 0; i < programs.size(); i++) {
            for (int j = i + 1; j < programs.size(); j++) {
                Optional<Spread> a = spread(programs.get(i), measure);
                Optional<Spread> b = spread(programs.get(j), measure);
                if (a.isPresent() && b.isPresent() && a.get().differsFrom(b.get())) {
                    pairs++;
                }
            }
        }
        return pairs;
    }
}
