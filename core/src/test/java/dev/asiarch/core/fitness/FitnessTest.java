package dev.asiarch.core.fitness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class FitnessTest {

    @Test
    void baselineScoresOneHalfAndTenPercentBetterSaturates() {
        assertThat(Fitness.lossTerm(4.0, 4.0)).isEqualTo(0.5);
        double saturated = 1 / (1 + Math.exp(-6));
        assertThat(Fitness.lossTerm(4.0, 3.6)).isCloseTo(saturated, within(1e-12));
        assertThat(Fitness.lossTerm(4.0, 1.0)).isCloseTo(saturated, within(1e-12));
        assertThat(Fitness.lossTerm(4.0, 4.4)).isCloseTo(1 - saturated, within(1e-12));
    }

    @Test
    void fivePercentLowerLossIsHalfwayUpTheSigmoid() {
        assertThat(Fitness.lossTerm(4.0, 3.8)).isCloseTo(1 / (1 + Math.exp(-3)), within(1e-12));
    }

    @Test
    void benchmarkTermRewardsHigherScores() {
        assertThat(Fitness.benchmarkTerm(0.224, 0.2464)).isGreaterThan(0.95);
        assertThat(Fitness.benchmarkTerm(0.224, 0.2)).isLessThan(0.5);
    }

    @Test
    void judgeTermUsesTheRubricWeights() {
        assertThat(Fitness.judgeTerm(10, 10, 10)).isEqualTo(1.0);
        assertThat(Fitness.judgeTerm(1, 1, 1)).isEqualTo(0.0);
        assertThat(Fitness.judgeTerm(5, 5, 5)).isCloseTo(4.0 / 9, within(1e-12));
    }

    @Test
    void failedMeasurementsCountAsOneHalf() {
        assertThat(Fitness.lossTerm(4.0, Double.NaN)).isEqualTo(Fitness.FAILED_TERM);
        assertThat(Fitness.lossTerm(0.0, 1.0)).isEqualTo(Fitness.FAILED_TERM);
    }

    @Test
    void scoreAveragesOnlyTheTermsInUse() {
        FitnessScore lossOnly = Fitness.score(4.0, 3.8, OptionalDouble.empty(), OptionalDouble.empty());
        FitnessScore all = Fitness.score(4.0, 3.8, OptionalDouble.of(1.0), OptionalDouble.of(0.0));

        assertThat(lossOnly.value()).isEqualTo(lossOnly.lossTerm());
        assertThat(all.value()).isCloseTo((lossOnly.lossTerm() + 1.0) / 3, within(1e-12));
    }
}
