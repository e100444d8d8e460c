package dev.asiarch.core.validation;

import java.util.List;

/**
 * When a design counts as beating the baseline: Welch's one-sided t-test on validation loss across
 * seeds, at the 5% level. With the candidate's losses a and the baseline's b (at least two seeds
 * each), t = (mean b - mean a) / sqrt(var a / n_a + var b / n_b) with sample variances, the degrees
 * of freedom from the Welch-Satterthwaite formula (rounded down), and the design beats the baseline
 * when t exceeds the 95th percentile of Student's t at those degrees of freedom. Equal losses with no
 * spread at all never count as beating.
 */
public final class Significance {

    /** One-sided 95% critical values of Student's t for 1 to 30 degrees of freedom; 1.645 beyond. */
    private static final double[] T95 = {6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812,
        1.796, 1.782, 1.771, 1.761, 1.753, 1.746, 1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708,
        1.706, 1.703, 1.701, 1.699, 1.697};
    private static final double T95_LARGE = 1.645;

    /** The comparison of a candidate's losses with the baseline's. */
    public record Comparison(double candidateMean, double candidateSd, double baselineMean, double baselineSd,
                             double t, int degreesOfFreedom, double criticalT, boolean beatsBaseline) {
    }

    private Significance() {
    }

    public static Comparison compare(List<Double> candidate, List<Double> baseline) {
        if (candidate.size() < 2 || baseline.size() < 2) {
            throw new IllegalArgumentException("a significance test needs at least two seeds on each side, got "
                    + candidate.size() + " and " + baseline.size());
        }
        Spread a = Spread.of(candidate);
        Spread b = Spread.of(baseline);
        double varA = a.variance() / candidate.size();
        double varB = b.variance() / baseline.size();
        double standardError = Math.sqrt(varA + varB);
        if (standardError == 0) {
            boolean lower = a.mean() < b.mean();
            return new Comparison(a.mean(), 0, b.mean(), 0, lower ? Double.POSITIVE_INFINITY : 0,
                    candidate.size() + baseline.size() - 2, critical(candidate.size() + baseline.size() - 2), lower);
        }
        double t = (b.mean() - a.mean()) / standardError;
        double df = (varA + varB) * (varA + varB)
                / (varA * varA / (candidate.size() - 1) + varB * varB / (baseline.size() - 1));
        int degrees = Math.max(1, (int) Math.floor(df));
        double critical = critical(degrees);
        return new Comparison(a.mean(), a.sd(), b.mean(), b.sd(), t, degrees, critical, t > critical);
    }

    /**
     * Whether paired values (a candidate's fitness per seed against the baseline of the same seed) lie
     * above {@code level} (0.5, the baseline's own fitness): the one-sample one-sided t-test at 5%,
     * t = (mean - level) / (sd / sqrt(n)) with n - 1 degrees of freedom. The comparison reports the level as
     * the baseline's mean with no spread. Values with no spread beat the level when they lie above it.
     */
    public static Comparison above(List<Double> paired, double level) {
        if (paired.size() < 2) {
            throw new IllegalArgumentException("a significance test needs at least two seeds, got " + paired.size());
        }
        Spread a = Spread.of(paired);
        int degrees = paired.size() - 1;
        double critical = critical(degrees);
        if (a.sd() == 0) {
            boolean above = a.mean() > level;
            return new Comparison(a.mean(), 0, level, 0, above ? Double.POSITIVE_INFINITY : 0, degrees, critical, above);
        }
        double t = (a.mean() - level) / (a.sd() / Math.sqrt(paired.size()));
        return new Comparison(a.mean(), a.sd(), level, 0, t, degrees, critical, t > critical);
    }

    static double critical(int degrees) {
        return degrees <= T95.length ? T95[Math.max(1, degrees) - 1] : T95_LARGE;
    }
}
