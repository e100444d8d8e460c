package dev.asiarch.core.fitness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.asiarch.core.validation.Significance;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class NoiseFloorTest {

    /** The baseline over three seeds: loss 2.40, 2.42, 2.44 (sd 0.02), benchmark 0.50, 0.40, 0.60 (sd 0.1). */
    private static final NoiseFloor FLOOR = NoiseFloor.of(List.of(
            new NoiseFloor.Run(1, 2.42, Map.of("mqar", 0.5)),
            new NoiseFloor.Run(1_000_001, 2.40, Map.of("mqar", 0.4)),
            new NoiseFloor.Run(2_000_001, 2.44, Map.of("mqar", 0.6)))).orElseThrow();
    private static final Baseline REFERENCE = new Baseline(2.42, OptionalDouble.of(0.5));

    @Test
    void aSingleRunMeasuresNoFloor() {
        assertThat(NoiseFloor.of(List.of(new NoiseFloor.Run(1, 2.4, Map.of())))).isEmpty();
    }

    @Test
    void theFloorIsTheSpreadOfLossBenchmarksAndFitness() {
        assertThat(FLOOR.loss().sd()).isEqualTo(0.02, within(1e-9));
        assertThat(FLOOR.benchmark().orElseThrow().sd()).isEqualTo(0.1, within(1e-9));
        assertThat(FLOOR.task("mqar").orElseThrow().mean()).isEqualTo(0.5, within(1e-9));
        assertThat(FLOOR.task("copy")).isEmpty();
        // Fitness of each baseline run against the campaign's: 0.5 for itself, and the others move with the seed.
        assertThat(FLOOR.fitness(REFERENCE).mean()).isEqualTo(0.5, within(0.05));
        assertThat(FLOOR.fitness(REFERENCE).sd()).isGreaterThan(0.1);
    }

    @Test
    void aCandidateIsToldInTheBaselinesStandardDeviations() {
        double sdFitness = FLOOR.fitness(REFERENCE).sd();
        NoiseFloor.Standing near = FLOOR.standing(REFERENCE, 2.41, OptionalDouble.of(0.52), 0.5 + sdFitness);
        NoiseFloor.Standing far = FLOOR.standing(REFERENCE, 2.30, OptionalDouble.of(0.9), 0.5 + 3 * sdFitness);
        NoiseFloor.Standing worse = FLOOR.standing(REFERENCE, 2.6, OptionalDouble.of(0.1), 0.5 - 3 * sdFitness);

        assertThat(near.lossSigmas()).isEqualTo(0.5, within(1e-9));
        assertThat(near.benchmarkSigmas().getAsDouble()).isEqualTo(0.2, within(1e-9));
        assertThat(near.withinNoise()).isTrue();
        assertThat(near.describe()).isEqualTo("loss +0.5σ, bench +0.2σ, fitness +1.0σ: within noise");
        assertThat(far.beyondNoise()).isTrue();
        assertThat(far.describe()).endsWith("beyond noise, better");
        assertThat(worse.withinNoise()).isFalse();
        assertThat(worse.beyondNoise()).isFalse();
        assertThat(worse.describe()).endsWith("beyond noise, worse");
    }

    @Test
    void aBaselineThatNeverMovesMakesEveryDifferenceInfinite() {
        NoiseFloor still = NoiseFloor.of(List.of(new NoiseFloor.Run(1, 2.4, Map.of()),
                new NoiseFloor.Run(2, 2.4, Map.of()))).orElseThrow();
        Baseline reference = new Baseline(2.4, OptionalDouble.empty());

        assertThat(still.standing(reference, 2.3, OptionalDouble.empty(), 0.9).lossSigmas()).isInfinite();
        assertThat(still.standing(reference, 2.4, OptionalDouble.empty(), 0.5).withinNoise()).isTrue();
    }

    @Test
    void pairedFitnessAboveTheBaselinesHalfIsTestedOneSided() {
        assertThat(Significance.above(List.of(0.7, 0.72, 0.71), 0.5).beatsBaseline()).isTrue();
        assertThat(Significance.above(List.of(0.9, 0.2, 0.6), 0.5).beatsBaseline()).isFalse();
        assertThat(Significance.above(List.of(0.3, 0.3), 0.5).beatsBaseline()).isFalse();
        assertThat(Significance.above(List.of(0.6, 0.6), 0.5).beatsBaseline()).isTrue();
    }
}
