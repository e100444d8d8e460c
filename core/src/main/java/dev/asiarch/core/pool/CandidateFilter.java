package dev.asiarch.core.pool;

/**
 * ASI-Arch's gate into the pool: a candidate whose loss is more than 10% away from the baseline's is
 * either broken or, when far better, suspected of leakage, and must not become a parent.
 */
public final class CandidateFilter {

    public static final double LOSS_BAND = 0.10;

    private CandidateFilter() {
    }

    public static boolean admits(double baselineLoss, double loss) {
        return Double.isFinite(loss) && Math.abs(loss - baselineLoss) <= LOSS_BAND * Math.abs(baselineLoss);
    }
}
