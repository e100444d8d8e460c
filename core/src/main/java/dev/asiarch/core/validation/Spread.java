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
