package dev.asiarch.core.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * How well one measurement of a set of designs ranks them as another does: Spearman's rho (Pearson's
 * correlation of the ranks, ties sharing their mean rank), with a percentile bootstrap interval over
 * the designs (resampled with replacement; a resample whose ranks are all tied on one side is drawn
 * again). The screening fidelity: the small screen against the larger one.
 *
 * @param n     designs measured on both sides
 * @param rho   Spearman's rho; NaN with fewer than three designs or when one side ranks them all alike
 * @param low   the interval's lower end (2.5th percentile of the bootstrap), NaN when rho is
 * @param high  its upper end (97.5th percentile)
 */
public record RankCorrelation(int n, double rho, double low, double high) {

    /** Resamples behind every interval: the 2.5th and 97.5th percentiles settle to about 0.01 by then. */
    public static final int RESAMPLES = 2000;

    /** Spearman's rho of {@code x} and {@code y} with its bootstrap interval, seeded so it reads the same each time. */
    public static RankCorrelation of(List<Double> x, List<Double> y, long seed) {
        if (x.size() != y.size()) {
            throw new IllegalArgumentException("a rank correlation needs pairs, got " + x.size() + " and " + y.size()
                    + " values");
        }
        int n = x.size();
        double rho = spearman(x, y);
        if (!Double.isFinite(rho)) {
            return new RankCorrelation(n, Double.NaN, Double.NaN, Double.NaN);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] draws = new double[RESAMPLES];
        int drawn = 0;
        for (int attempt = 0; drawn < RESAMPLES && attempt < 20 * RESAMPLES; attempt++) {
            List<Double> xs = new ArrayList<>(n);
            List<Double> ys = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int pick = random.nextInt(n);
                xs.add(x.get(pick));
                ys.add(y.get(pick));
            }
            double resampled = spearman(xs, ys);
            if (Double.isFinite(resampled)) {
                draws[drawn++] = resampled;
            }
        }
        if (drawn == 0) {
            return new RankCorrelation(n, rho, Double.NaN, Double.NaN);
        }
        double[] sorted = Arrays.copyOf(draws, drawn);
        Arrays.sort(sorted);
        return new RankCorrelation(n, rho, percentile(sorted, 0.025), percentile(sorted, 0.975));
    }

    /** Spearman's rho, or NaN with fewer than three pairs or a side whose values are all equal. */
    public static double spearman(List<Double> x, List<Double> y) {
        if (x.size() < 3 || x.size() != y.size()) {
            return Double.NaN;
        }
        return pearson(ranks(x), ranks(y));
    }

    /** Ranks from 1, ties sharing the mean of the ranks they span. */
    static double[] ranks(List<Double> values) {
        int n = values.size();
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(values::get));
        double[] ranks = new double[n];
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && values.get(order[end + 1]).equals(values.get(order[start]))) {
                end++;
            }
            double shared = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = shared;
            }
            start = end + 1;
        }
        return ranks;
    }

    private static double pearson(double[] a, double[] b) {
        double meanA = Arrays.stream(a).average().orElseThrow();
        double meanB = Arrays.stream(b).average().orElseThrow();
        double cross = 0;
        double squaresA = 0;
        double squaresB = 0;
        for (int i = 0; i < a.length; i++) {
            cross += (a[i] - meanA) * (b[i] - meanB);
            squaresA += (a[i] - meanA) * (a[i] - meanA);
            squaresB += (b[i] - meanB) * (b[i] - meanB);
        }
        return squaresA == 0 || squaresB == 0 ? Double.NaN : cross / Math.sqrt(squaresA * squaresB);
    }

    private static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    @Override
    public String toString() {
        return Double.isNaN(rho) ? "n/a (" + n + " designs)"
                : String.format(Locale.ROOT, "%.2f [%.2f, %.2f] (%d designs)", rho, low, high, n);
    }
}
