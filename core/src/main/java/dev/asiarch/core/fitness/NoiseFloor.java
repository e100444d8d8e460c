package dev.asiarch.core.fitness;

import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.validation.Spread;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The baseline screened with several seeds: how far its loss, each benchmark and its fitness move when
 * nothing but the seed changes. A candidate's distance from the baseline is then told in units of that
 * spread, and a distance within {@value #SIGMAS} of them is noise, whatever the fitness says.
 *
 * @param runs the baseline's runs, its campaign run first; at least two make a floor
 */
public record NoiseFloor(List<Run> runs) {

    /** How many of the baseline's standard deviations a candidate must lie beyond to count as different. */
    public static final double SIGMAS = 2.0;

    /** The baseline's fitness against itself: each term is 0.5. */

    /** One screening of the baseline with one seed. */
    public record Run(long seed, double validationLoss, Map<String, Double> benchmarks) {

        public Run {
            benchmarks = Map.copyOf(benchmarks);
        }

        public static Run of(long seed, TrainingMetrics metrics) {
            return new Run(seed, metrics.validationLoss(), metrics.benchmarks());
        }

        OptionalDouble benchmarkScore() {
            return benchmarks.values().stream().mapToDouble(Double::doubleValue).average();
        }
    }

    /**
     * Where a candidate stands against the baseline, in the baseline's standard deviations: positive is
     * better (lower loss, higher accuracy, higher fitness); infinite when the baseline did not move at all.
     */
    public record Standing(double lossSigmas, OptionalDouble benchmarkSigmas, double fitnessSigmas) {

        /** Whether its fitness lies within {@value #SIGMAS} standard deviations of the baseline's 0.5. */
        public boolean withinNoise() {
            return Math.abs(fitnessSigmas) <= SIGMAS;
        }

        /** Beyond the noise on the better side: what "better than the baseline" means on a screen. */
        public boolean beyondNoise() {
            return fitnessSigmas > SIGMAS;
        }

        /** {@code loss +2.4σ, bench -0.3σ, fitness +1.1σ: within noise}. */
        public String describe() {
            return "loss " + sigmas(lossSigmas) + benchmarkSigmas.stream().mapToObj(b -> ", bench " + sigmas(b))
                    .findFirst().orElse("") + ", fitness " + sigmas(fitnessSigmas) + ": "
                    + (withinNoise() ? "within noise" : beyondNoise() ? "beyond noise, better" : "beyond noise, worse");
        }

        /** A distance in standard deviations as every view writes it: {@code +1.2σ}, {@code -infσ}. */
        public static String sigmas(double value) {
            return Double.isInfinite(value) ? (value > 0 ? "+inf" : "-inf") + "σ"
                    : String.format(Locale.ROOT, "%+.1fσ", value);
        }
    }

    public NoiseFloor {
        runs = List.copyOf(runs);
    }

    /** A floor needs two runs at least; fewer measure no spread. */
    public static Optional<NoiseFloor> of(List<Run> runs) {
        return runs.size() < 2 ? Optional.empty() : Optional.of(new NoiseFloor(runs));
    }

    public Spread loss() {
        return Spread.of(runs.stream().map(Run::validationLoss).toList());
    }

    /** The spread of the mean benchmark accuracy; empty when the runs have none. */
    public Optional<Spread> benchmark() {
        List<Double> scores = runs.stream().map(Run::benchmarkScore).filter(OptionalDouble::isPresent)
                .map(OptionalDouble::getAsDouble).toList();
        return scores.size() < 2 ? Optional.empty() : Optional.of(Spread.of(scores));
    }

    /** The spread of one benchmark's accuracy; empty when fewer than two runs have it. */
    public Optional<Spread> task(String label) {
        List<Double> values = runs.stream().map(r -> r.benchmarks().get(label)).filter(v -> v != null).toList();
        return values.size() < 2 ? Optional.empty() : Optional.of(Spread.of(values));
    }

    /** The spread of the baseline's own fitness against {@code reference}, the run every candidate is scored against. */
    public Spread fitness(Baseline reference) {
        return Spread.of(runs.stream().map(r -> fitnessOf(reference, r.validationLoss(), r.benchmarkScore())).toList());
    }

    /** Where a candidate with this loss, mean benchmark accuracy and fitness stands against the baseline. */
    public Standing standing(Baseline reference, double loss, OptionalDouble benchmark, double fitness) {
        Spread lossSpread = loss();
        OptionalDouble benchmarkSigmas = OptionalDouble.empty();
        Optional<Spread> benchmarkSpread = benchmark();
        if (benchmark.isPresent() && reference.benchmark().isPresent() && benchmarkSpread.isPresent()) {
            benchmarkSigmas = OptionalDouble.of(sigmas(benchmark.getAsDouble() - reference.benchmark().getAsDouble(),
                    benchmarkSpread.get().sd()));
        }
        return new Standing(sigmas(reference.loss() - loss, lossSpread.sd()), benchmarkSigmas,
                sigmas(fitness - Fitness.BASELINE, fitness(reference).sd()));
    }

    private static double fitnessOf(Baseline reference, double loss, OptionalDouble benchmark) {
        OptionalDouble benchmarkTerm = reference.benchmark().isPresent() && benchmark.isPresent()
                ? OptionalDouble.of(Fitness.benchmarkTerm(reference.benchmark().getAsDouble(), benchmark.getAsDouble()))
                : OptionalDouble.empty();
        return Fitness.score(reference.loss(), loss, benchmarkTerm, OptionalDouble.empty()).value();
    }

    private static double sigmas(double difference, double sd) {
        if (sd > 0) {
            return difference / sd;
        }
        return difference == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference);
    }
}
