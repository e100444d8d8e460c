package dev.asiarch.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Welch's one-sided t-test on validation loss, as the rule for beating the baseline. */
class SignificanceTest {

    @Test
    void aClearlyLowerLossBeatsTheBaselineWithWelchsStatistic() {
        Significance.Comparison comparison = Significance.compare(List.of(1.0, 2.0, 3.0), List.of(4.0, 5.0, 6.0));

        // Means 2 and 5, sample variances 1 and 1: t = 3 / sqrt(1/3 + 1/3), df = 4.
        assertThat(comparison.t()).isCloseTo(3 / Math.sqrt(2.0 / 3), within(1e-12));
        assertThat(comparison.degreesOfFreedom()).isEqualTo(4);
        assertThat(comparison.criticalT()).isEqualTo(2.132);
        assertThat(comparison.beatsBaseline()).isTrue();
        assertThat(comparison.candidateSd()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aDifferenceWithinTheNoiseDoesNotCount() {
        Significance.Comparison comparison = Significance.compare(List.of(1.99, 2.00, 1.98), List.of(2.00, 2.01, 1.99));

        assertThat(comparison.t()).isCloseTo(0.01 / Math.sqrt(2 * 0.0001 / 3), within(1e-9));
        assertThat(comparison.beatsBaseline()).isFalse();
    }

    @Test
    void aWorseCandidateNeverBeatsAndIdenticalLossesNeither() {
        assertThat(Significance.compare(List.of(3.0, 3.1), List.of(2.0, 2.1)).beatsBaseline()).isFalse();
        assertThat(Significance.compare(List.of(2.0, 2.0), List.of(2.0, 2.0)).beatsBaseline()).isFalse();
        assertThat(Significance.compare(List.of(1.9, 1.9), List.of(2.0, 2.0)).beatsBaseline()).isTrue();
    }

    @Test
    void manyDegreesOfFreedomUseTheNormalQuantile() {
        assertThat(Significance.critical(31)).isEqualTo(1.645);
        assertThat(Significance.critical(1)).isEqualTo(6.314);
    }

    @Test
    void oneSeedIsNotEnough() {
        assertThatThrownBy(() -> Significance.compare(List.of(1.0), List.of(2.0, 2.1)))
                .hasMessageContaining("at least two seeds on each side, got 1 and 2");
    }
}
