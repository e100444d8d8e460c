package dev.asiarch.core.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How faithfully a small screen ranks designs as a larger profile does: for validation loss, the mean
 * benchmark accuracy, each benchmark and fitness, Spearman's rho between the two profiles' values over
 * the designs measured on both ({@link RankCorrelation}, with its bootstrap interval). Benchmarks are matched by
 * task, whatever their sizes on each profile; the benchmark mean is each profile's own. ASI-Arch's released
 * results give 0.44 between its 20M and 340M losses and about 0 between their benchmark averages.
 */
public final class ScreeningFidelity {

    public static final String LOSS = "val-loss";
    public static final String BENCHMARK_MEAN = "bench-mean";
    public static final String FITNESS = "fitness";

    /** What one profile measured of one design; a value left out (NaN, or no such benchmark) is left out of that measure. */
    public record Design(String id, double loss, Map<String, Double> benchmarks, double fitness) {

        public Design {
            benchmarks = Map.copyOf(benchmarks);
        }

        double value(String measure) {
            return switch (measure) {
                case LOSS -> loss;
                case FITNESS -> fitness;
                case BENCHMARK_MEAN -> benchmarks.isEmpty() ? Double.NaN
                        : benchmarks.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                default -> benchmarks.entrySet().stream().filter(b -> task(b.getKey()).equals(measure))
                        .mapToDouble(Map.Entry::getValue).findFirst().orElse(Double.NaN);
            };
        }
    }

    /**
     * The task a benchmark label names, without its sizes ({@code mqar-64x16} and {@code mqar-32x4} are both
     * {@code mqar}), so that two profiles' benchmarks of one task are compared.
     */
    public static String task(String label) {
        return label.replaceFirst("-\\d+(x\\d+)?$", "");
    }

    private ScreeningFidelity() {
    }

    /**
     * Per measure, the rank correlation over the designs both lists hold (matched by id) with finite values
     * on both sides, in this order: loss, benchmark mean, each benchmark of the screen, fitness.
     */
    public static Map<String, RankCorrelation> of(List<Design> screen, List<Design> larger, long seed) {
        Map<String, Design> byId = new LinkedHashMap<>();
        larger.forEach(design -> byId.put(design.id(), design));
        Set<String> measures = new LinkedHashSet<>(List.of(LOSS, BENCHMARK_MEAN));
        screen.forEach(design -> design.benchmarks().keySet().forEach(label -> measures.add(task(label))));
        measures.add(FITNESS);
        Map<String, RankCorrelation> fidelity = new LinkedHashMap<>();
        for (String measure : measures) {
            List<Double> small = new ArrayList<>();
            List<Double> big = new ArrayList<>();
            for (Design design : screen) {
                Design other = byId.get(design.id());
                if (other != null && Double.isFinite(design.value(measure)) && Double.isFinite(other.value(measure))) {
                    small.add(design.value(measure));
                    big.add(other.value(measure));
                }
            }
            fidelity.put(measure, RankCorrelation.of(small, big, seed));
        }
        return fidelity;
    }
}
