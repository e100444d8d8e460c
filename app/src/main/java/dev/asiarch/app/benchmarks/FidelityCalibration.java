package dev.asiarch.app.benchmarks;

import dev.asiarch.app.gallery.GalleryCsv;
import dev.asiarch.core.fitness.Fitness;
import dev.asiarch.core.validation.RankCorrelation;
import dev.asiarch.core.validation.ScreeningFidelity;
import dev.asiarch.core.validation.Spread;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Benchmark program: the screening fidelity between two rungs of the profile ladder, calibrated on the
 * gallery (programs whose ranking is known). Reads two gallery runs (the lower rung's CSV, then the upper
 * one's), takes each program's mean per measure, its fitness against the gallery's DeltaNet on the same
 * rung, and prints Spearman's rho per measure with its bootstrap interval, and what each rung cost.
 *
 * <pre>
 * java -cp app/target/asi-arch.jar dev.asiarch.app.benchmarks.FidelityCalibration smoke.csv tiny.csv
 * </pre>
 */
public final class FidelityCalibration {

    private static final String BASELINE = "DeltaNet";

    private FidelityCalibration() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: FidelityCalibration <lower rung's gallery.csv> <upper rung's gallery.csv>");
            System.exit(2);
        }
        GalleryCsv lower = GalleryCsv.read(Path.of(args[0]));
        GalleryCsv upper = GalleryCsv.read(Path.of(args[1]));
        Map<String, RankCorrelation> fidelity = ScreeningFidelity.of(designs(lower), designs(upper), 17);
        System.out.printf(Locale.ROOT, "%-22s  %s%n", "measure", "Spearman's rho [95% bootstrap interval]");
        fidelity.forEach((measure, r) -> System.out.printf(Locale.ROOT, "%-22s  %s%n", measure, r));
        System.out.println(cost("lower", args[0], lower));
        System.out.println(cost("upper", args[1], upper));
    }

    /** Each program's means on one rung, and its fitness from them against DeltaNet's. */
    static List<ScreeningFidelity.Design> designs(GalleryCsv gallery) {
        Optional<Spread> baselineLoss = gallery.spread(BASELINE, gallery.measures().get(0));
        OptionalDouble baselineBench = benchmarkMean(gallery, BASELINE);
        List<ScreeningFidelity.Design> designs = new ArrayList<>();
        for (String program : gallery.runs().keySet()) {
            double loss = gallery.spread(program, gallery.measures().get(0)).map(Spread::mean).orElse(Double.NaN);
            Map<String, Double> benchmarks = new LinkedHashMap<>();
            for (String measure : gallery.measures().subList(1, gallery.measures().size())) {
                gallery.spread(program, measure).ifPresent(s -> benchmarks.put(measure, s.mean()));
            }
            OptionalDouble bench = benchmarkMean(gallery, program);
            double fitness = baselineLoss.isEmpty() ? Double.NaN : Fitness.score(baselineLoss.get().mean(), loss,
                    baselineBench.isPresent() && bench.isPresent()
                            ? OptionalDouble.of(Fitness.benchmarkTerm(baselineBench.getAsDouble(), bench.getAsDouble()))
                            : OptionalDouble.empty(), OptionalDouble.empty()).value();
            designs.add(new ScreeningFidelity.Design(program, loss, benchmarks, fitness));
        }
        return designs;
    }

    private static OptionalDouble benchmarkMean(GalleryCsv gallery, String program) {
        return gallery.measures().subList(1, gallery.measures().size()).stream()
                .map(m -> gallery.spread(program, m)).flatMap(Optional::stream).mapToDouble(Spread::mean).average();
    }

    private static String cost(String rung, String file, GalleryCsv gallery) {
        List<Double> whole = gallery.runSeconds();
        List<Double> text = gallery.trainSeconds();
        return String.format(Locale.ROOT, "%s rung (%s): %d programs, %d runs, %s", rung, file, gallery.runs().size(),
                text.size(), whole.isEmpty() ? String.format(Locale.ROOT, "text training %.1f s per run (no whole-run "
                        + "times recorded)", GalleryCsv.mean(text)) : String.format(Locale.ROOT, "%.1f s per run, %.1f min in all",
                        GalleryCsv.mean(whole), whole.stream().mapToDouble(Double::doubleValue).sum() / 60));
    }
}
