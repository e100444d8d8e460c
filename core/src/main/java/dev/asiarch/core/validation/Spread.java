package dev.asiarch.core.validation;

import java.util.List;
import java.util.Locale;

/**
 * The mean and sample standard deviation (n - 1) of repeated measurements, such as one design's losses
 * over seeds: the one variance formula of the project. A single measurement has no spread (0).
 */
public record Spread(double mean, double sd, int n) {

    public static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a spread needs at least one value");
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return new Spread(mean, values.size() < 2 ? 0 : Math.sqrt(squares / (values.size() - 1)), values.size());
    }

    /** Two-sided 97.5% quantiles of Student's t for 1 to 30 degrees of freedom; 1.96 beyond. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    /**
     * Half the width of the 95% confidence interval of the mean (t with n - 1 degrees of freedom times the
     * standard error); NaN for a single measurement, which bounds nothing.
     */
    public double halfWidth95() {
        if (n < 2) {
            return Double.NaN;
        }
        double t = n - 1 <= T975.length ? T975[n - 2] : 1.96;
        return t * sd / Math.sqrt(n);
    }

    public double variance() {
        return sd * sd;
    }

    /** Whether the two means lie further apart than both spreads together. */
    public boolean differsFrom(Spread other) {
        return Math.abs(mean - other.mean) > sd + other.sd;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.3f±%.3f", mean, sd);
    }
}
