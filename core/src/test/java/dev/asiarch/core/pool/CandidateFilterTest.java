package dev.asiarch.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CandidateFilterTest {

    private static final OptionalDouble NONE = OptionalDouble.empty();

    private static PoolVerdict verdict(double baselineLoss, double loss) {
        return CandidateFilter.verdict(baselineLoss, loss, NONE, NONE);
    }

    @Test
    void exactlyTenPercentBelowTheBaselineIsPlausibleAndJustOverIsASuspectedLeak() {
        // 2.5 and 2.25 are exact in binary, so this is the boundary itself, not a rounding of it.
        assertThat(CandidateFilter.suspectedLeak(2.5, 2.25)).isFalse();
        assertThat(verdict(2.5, 2.25).admitted()).isTrue();

        assertThat(CandidateFilter.suspectedLeak(2.5, 2.2499)).isTrue();
        assertThat(verdict(2.5, 2.2499).exclusion()).contains(PoolVerdict.Exclusion.SUSPECTED_LEAK);
        assertThat(verdict(2.5, 2.2499).suspectedLeak()).isTrue();
        assertThat(CandidateFilter.admits(2.5, 2.2499)).isFalse();
    }

    @Test
    void exactlyTenPercentAboveTheBaselineIsAdmittedAndJustOverIsKeptOutAsWorse() {
        assertThat(verdict(2.5, 2.75).admitted()).isTrue();
        PoolVerdict worse = verdict(2.5, 2.7501);
        assertThat(worse.exclusion()).contains(PoolVerdict.Exclusion.LOSS_WORSE);
        assertThat(worse.suspectedLeak()).isFalse();
        assertThat(CandidateFilter.suspectedLeak(2.5, 2.7501)).isFalse();
        assertThat(worse.reason()).isEqualTo("validation loss 2.750 is 10% above the baseline's 2.500, more than 10% "
                + "worse; it is kept out of the pool");
    }

    @Test
    void saysHowFarBelowTheBaselineALeakIsAndThatItIsKeptOutOfThePool() {
        PoolVerdict leak = verdict(2.43, 1.28);

        assertThat(leak.reason()).isEqualTo("suspected leak: validation loss 1.280 is 47% below the baseline's 2.430; "
                + "gains over 10% are not plausible, so it is kept out of the pool");
        // Near the band the share keeps a decimal, so that it never reads as the band itself.
        assertThat(verdict(2.5, 2.24).reason()).startsWith("suspected leak: validation loss 2.240 is 10.4% below");
    }

    @Test
    void benchmarkAccuracyMoreThanTenPercentBelowTheBaselinesKeepsACandidateOut() {
        OptionalDouble baseline = OptionalDouble.of(0.5);
        assertThat(CandidateFilter.verdict(2.5, 2.5, baseline, OptionalDouble.of(0.45)).admitted()).isTrue();
        PoolVerdict weak = CandidateFilter.verdict(2.5, 2.5, baseline, OptionalDouble.of(0.4));
        assertThat(weak.exclusion()).contains(PoolVerdict.Exclusion.BENCHMARK_WORSE);
        assertThat(weak.reason()).isEqualTo("mean benchmark accuracy 0.400 is 20% below the baseline's 0.500, more "
                + "than 10% worse; it is kept out of the pool");
        // Without a score on either side only the loss counts.
        assertThat(CandidateFilter.verdict(2.5, 2.5, NONE, OptionalDouble.of(0.1)).admitted()).isTrue();
        // A leak is named as one even when its benchmark would also keep it out.
        assertThat(CandidateFilter.verdict(2.5, 1.0, baseline, OptionalDouble.of(0.1)).exclusion())
                .contains(PoolVerdict.Exclusion.SUSPECTED_LEAK);
    }

    @Test
    void aLossThatIsNotANumberIsKeptOutAndNotCalledALeak() {
        PoolVerdict nan = verdict(2.5, Double.NaN);
        assertThat(nan.exclusion()).contains(PoolVerdict.Exclusion.LOSS_NOT_FINITE);
        assertThat(nan.reason()).contains("NaN").contains("kept out of the pool");
        assertThat(CandidateFilter.suspectedLeak(2.5, Double.NaN)).isFalse();
    }

    @Test
    void admitsAndSuspectedLeakAgreeWithTheVerdictEverywhere() {
        OptionalDouble baselineBenchmark = OptionalDouble.of(0.3);
        for (int i = 0; i <= 400; i++) {
            double loss = 1.5 + i * 0.005;
            for (OptionalDouble benchmark : new OptionalDouble[] {NONE, OptionalDouble.of(0.25), OptionalDouble.of(0.3)}) {
                PoolVerdict verdict = CandidateFilter.verdict(2.43, loss, baselineBenchmark, benchmark);
                assertThat(CandidateFilter.admits(2.43, loss, baselineBenchmark, benchmark)).as("loss %s", loss)
                        .isEqualTo(verdict.admitted());
                assertThat(CandidateFilter.suspectedLeak(2.43, loss)).as("loss %s", loss)
                        .isEqualTo(verdict.suspectedLeak());
                if (Math.abs(loss - 0.9 * 2.43) > 1e-9) {
                    // The rule as the paper states it: L < 0.9 * L0.
                    assertThat(verdict.suspectedLeak()).as("loss %s", loss).isEqualTo(loss < 0.9 * 2.43);
                }
                assertThat(verdict.exclusion().isPresent()).isNotEqualTo(verdict.admitted());
                assertThat(verdict.reason()).isNotBlank();
            }
        }
        assertThat(verdict(2.43, 2.3).exclusion()).isEqualTo(Optional.empty());
    }
}
