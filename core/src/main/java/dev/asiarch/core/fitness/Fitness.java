package dev.asiarch.core.fitness;

import dev.asiarch.core.experiment.JudgeScores;
import dev.asiarch.core.experiment.TrainingMetrics;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * ASI-Arch's fitness: each term compares a candidate with the baseline measured in the same campaign
 * and squashes the relative change through a sigmoid, so a 10% improvement already saturates.
 *
 * <p>The released code sums the terms and the paper divides by three; here the value is the mean of
 * the terms in use, so it stays in [0, 1] whether or not benchmarks and a judge are configured.
 */
public final class Fitness {

    /** Steepness of the sigmoid over the clamped relative change. */
    public static final double SHARPNESS = 6.0;
    /** A relative change of this size (10%) maps to the end of the clamp. */
    public static final double RELATIVE_BAND = 0.1;
    /** The baseline's own fitness: every term of it against itself. "Better than the baseline" means above this. */
    public static final double BASELINE = 0.5;
    /** What a term is worth when its measurement failed. */
    public static final double FAILED_TERM = 0.5;

    private Fitness() {
    }

    /** Loss term: lower loss than the baseline scores above 0.5. */
    public static double lossTerm(double baselineLoss, double loss) {
        return relativeTerm(baselineLoss - loss, baselineLoss);
    }

    /** Benchmark term: a higher mean benchmark score than the baseline scores above 0.5. */
    public static double benchmarkTerm(double baselineScore, double score) {
        return relativeTerm(score - baselineScore, baselineScore);
    }

    /**
     * Judge term from the rubric scores (each 1 to 10): 0.30 performance + 0.25 innovation + 0.45
     * complexity, rescaled to [0, 1].
     */
    public static double judgeTerm(double performance, double innovation, double complexity) {
        double weighted = 0.30 * performance + 0.25 * innovation + 0.45 * complexity;
        if (!Double.isFinite(weighted)) {
            return FAILED_TERM;
        }
        return (clamp(weighted, 1, 10) - 1) / 9.0;
    }

    /**
     * The fitness of one candidate. The loss term is always used; the benchmark and judge terms only
     * when present.
     */
    public static FitnessScore score(double baselineLoss, double loss, OptionalDouble benchmarkTerm,
                                     OptionalDouble judgeTerm) {
        double lossTerm = lossTerm(baselineLoss, loss);
        double sum = lossTerm;
        int terms = 1;
        if (benchmarkTerm.isPresent()) {
            sum += benchmarkTerm.getAsDouble();
            terms++;
        }
        if (judgeTerm.isPresent()) {
            sum += judgeTerm.getAsDouble();
            terms++;
        }
        return new FitnessScore(sum / terms, lossTerm, benchmarkTerm, judgeTerm);
    }

    /**
     * The fitness of a trained experiment against its baseline: the loss term always; the benchmark term
     * when both sides have a benchmark score; the judge term when the judge graded it and its grades count.
     */
    public static FitnessScore of(Baseline baseline, TrainingMetrics metrics, Optional<JudgeScores> judge) {
        OptionalDouble benchmarkTerm = baseline.benchmark().isPresent() && metrics.benchmarkScore().isPresent()
                ? OptionalDouble.of(benchmarkTerm(baseline.benchmark().getAsDouble(),
                        metrics.benchmarkScore().getAsDouble()))
                : OptionalDouble.empty();
        OptionalDouble judgeTerm = judge.filter(JudgeScores::inFitness)
                .map(scores -> OptionalDouble.of(scores.term())).orElse(OptionalDouble.empty());
        return score(baseline.loss(), metrics.validationLoss(), benchmarkTerm, judgeTerm);
    }

    private static double relativeTerm(double improvement, double baseline) {
        if (!Double.isFinite(improvement) || !Double.isFinite(baseline) || baseline == 0.0) {
            return FAILED_TERM;
        }
        double relative = clamp(improvement / (RELATIVE_BAND * Math.abs(baseline)), -1, 1);
        return 1.0 / (1.0 + Math.exp(-SHARPNESS * relative));
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
