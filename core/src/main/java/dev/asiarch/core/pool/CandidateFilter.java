package dev.asiarch.core.pool;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * ASI-Arch's gate into the pool: a candidate whose validation loss is more than 10% away from the
 * baseline's is either broken or, when far better, suspected of leakage, and must not become a parent;
 * nor may one whose mean benchmark accuracy is more than 10% below the baseline's. {@link #verdict}
 * is the one place that decides, and says why.
 */
public final class CandidateFilter {

    /** How far a candidate's validation loss may lie from the baseline's, either way, as a fraction of it. */
    public static final double LOSS_BAND = 0.10;

    /** How far its mean benchmark accuracy may fall below the baseline's, as a fraction of it. */
    public static final double BENCHMARK_BAND = 0.10;

    private CandidateFilter() {
    }

    /** The loss rule alone. */
    public static boolean admits(double baselineLoss, double loss) {
        return verdict(baselineLoss, loss, OptionalDouble.empty(), OptionalDouble.empty()).admitted();
    }

    /** The loss rule, and when both have benchmark scores, at most 10% below the baseline's. */
    public static boolean admits(double baselineLoss, double loss, OptionalDouble baselineBenchmark,
                                 OptionalDouble benchmark) {
        return verdict(baselineLoss, loss, baselineBenchmark, benchmark).admitted();
    }

    /**
     * A validation loss more than 10% below the baseline's ({@code L < 0.9 * L0}): in a screen this short
     * such a gain is far likelier to come from the candidate reading what it should not than from a
     * better design. Exactly 10% below is still plausible.
     */
    public static boolean suspectedLeak(double baselineLoss, double loss) {
        return Double.isFinite(loss) && baselineLoss - loss > LOSS_BAND * Math.abs(baselineLoss);
    }

    /** Whether the filter admits a trained candidate, and if not, which rule keeps it out and why. */
    public static PoolVerdict verdict(double baselineLoss, double loss, OptionalDouble baselineBenchmark,
                                      OptionalDouble benchmark) {
        if (!Double.isFinite(loss)) {
            return out(PoolVerdict.Exclusion.LOSS_NOT_FINITE, String.format(Locale.ROOT,
                    "validation loss %s cannot be compared with the baseline's %.3f; it is kept out of the pool",
                    loss, baselineLoss));
        }
        double lossChange = (loss - baselineLoss) / Math.abs(baselineLoss);
        if (suspectedLeak(baselineLoss, loss)) {
            return out(PoolVerdict.Exclusion.SUSPECTED_LEAK, String.format(Locale.ROOT,
                    "suspected leak: validation loss %.3f is %s below the baseline's %.3f; gains over %s are not "
                            + "plausible, so it is kept out of the pool",
                    loss, percent(-lossChange), baselineLoss, percent(LOSS_BAND)));
        }
        if (loss - baselineLoss > LOSS_BAND * Math.abs(baselineLoss)) {
            return out(PoolVerdict.Exclusion.LOSS_WORSE, String.format(Locale.ROOT,
                    "validation loss %.3f is %s above the baseline's %.3f, more than %s worse; it is kept out of "
                            + "the pool", loss, percent(lossChange), baselineLoss, percent(LOSS_BAND)));
        }
        if (baselineBenchmark.isPresent() && benchmark.isPresent()
                && benchmark.getAsDouble() < (1 - BENCHMARK_BAND) * baselineBenchmark.getAsDouble()) {
            double b0 = baselineBenchmark.getAsDouble();
            double b = benchmark.getAsDouble();
            return out(PoolVerdict.Exclusion.BENCHMARK_WORSE, String.format(Locale.ROOT,
                    "mean benchmark accuracy %.3f is %s below the baseline's %.3f, more than %s worse; it is kept "
                            + "out of the pool", b, percent((b0 - b) / b0), b0, percent(BENCHMARK_BAND)));
        }
        return new PoolVerdict(Optional.empty(), String.format(Locale.ROOT,
                "validation loss %.3f is within %s of the baseline's %.3f%s; it may enter the pool",
                loss, percent(LOSS_BAND), baselineLoss, benchmark.isPresent() && baselineBenchmark.isPresent()
                        ? " and its benchmark accuracy no more than " + percent(BENCHMARK_BAND) + " below" : ""));
    }

    private static PoolVerdict out(PoolVerdict.Exclusion exclusion, String reason) {
        return new PoolVerdict(Optional.of(exclusion), reason);
    }

    /** Whole percent, but one decimal near the bands, so that 10.4% never reads as 10%. */
    private static String percent(double fraction) {
        double value = 100 * fraction;
        return String.format(Locale.ROOT, Math.abs(value) < 20 ? "%.1f%%" : "%.0f%%", value).replace(".0%", "%");
    }
}
