package dev.asiarch.core.pool;

import java.util.OptionalDouble;

/**
 * ASI-Arch's gate into the pool: a candidate whose loss is more than 10% away from the baseline's is
 * either broken or, when far better, suspected of leakage, and must not become a parent; nor may one
 * whose mean benchmark accuracy is more than 10% below the baseline's.
 */
public final class CandidateFilter {

    public static final double LOSS_BAND = 0.10;

    private CandidateFilter() {
    }

    public static final double BENCHMARK_BAND = 0.10;

    public static boolean admits(double baselineLoss, double loss) {
        return Double.isFinite(loss) && Math.abs(loss - baselineLoss) <= LOSS_BAND * Math.abs(baselineLoss);
    }

    /** The loss rule, and when both have benchmark scores, at most 10% below the baseline's. */
    public static boolean admits(double baselineLoss, double loss, OptionalDouble baselineBenchmark,
                                 OptionalDouble benchmark) {
        if (!admits(baselineLoss, loss)) {
            return false;
        }
        return baselineBenchmark.isEmpty() || benchmark.isEmpty()
                || benchmark.getAsDouble() >= (1 - BENCHMARK_BAND) * baselineBenchmark.getAsDouble();
    }
}
