package dev.asiarch.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankCorrelationTest {

    @Test
    void spearmanIsOneForAnyIncreasingMapAndMinusOneForADecreasingOne() {
        List<Double> x = List.of(1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(RankCorrelation.spearman(x, List.of(1.0, 4.0, 9.0, 16.0, 100.0))).isEqualTo(1.0, within(1e-12));
        assertThat(RankCorrelation.spearman(x, List.of(5.0, 3.0, 2.0, 1.0, 0.0))).isEqualTo(-1.0, within(1e-12));
    }

    @Test
    void spearmanMatchesTheTextbookValueWithTies() {
        // Ranks of y with a tie: 1, 2.5, 2.5, 4, 5; Pearson of the ranks by hand: 0.9 / sqrt(0.9 * 0.875)... = 0.9747.
        double rho = RankCorrelation.spearman(List.of(1.0, 2.0, 3.0, 4.0, 5.0), List.of(1.0, 2.0, 2.0, 4.0, 5.0));
        assertThat(rho).isEqualTo(0.9746794, within(1e-6));
        assertThat(RankCorrelation.ranks(List.of(3.0, 1.0, 3.0, 2.0))).containsExactly(3.5, 1.0, 3.5, 2.0);
    }

    @Test
    void tooFewDesignsOrNoSpreadGiveNoCorrelation() {
        assertThat(RankCorrelation.spearman(List.of(1.0, 2.0), List.of(2.0, 1.0))).isNaN();
        assertThat(RankCorrelation.of(List.of(1.0, 2.0, 3.0), List.of(7.0, 7.0, 7.0), 1).rho()).isNaN();
        assertThat(RankCorrelation.of(List.of(1.0, 2.0, 3.0), List.of(7.0, 7.0, 7.0), 1).toString())
                .isEqualTo("n/a (3 designs)");
        assertThatThrownBy(() -> RankCorrelation.of(List.of(1.0), List.of(1.0, 2.0), 1))
                .hasMessageContaining("pairs");
    }

    @Test
    void theBootstrapIntervalHoldsRhoAndWidensWithNoise() {
        List<Double> x = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0);
        RankCorrelation faithful = RankCorrelation.of(x, x.stream().map(v -> v * 2).toList(), 3);
        RankCorrelation noisy = RankCorrelation.of(x, List.of(2.0, 1.0, 5.0, 3.0, 4.0, 9.0, 6.0, 12.0, 7.0, 8.0, 11.0,
                10.0), 3);

        assertThat(faithful.rho()).isEqualTo(1.0, within(1e-12));
        assertThat(faithful.low()).isEqualTo(1.0, within(1e-12));
        assertThat(noisy.rho()).isBetween(0.8, 0.95);
        assertThat(noisy.low()).isLessThan(noisy.rho());
        assertThat(noisy.high()).isGreaterThanOrEqualTo(noisy.rho()).isLessThanOrEqualTo(1.0);
        // Seeded: the same figures every time.
        assertThat(RankCorrelation.of(x, List.of(2.0, 1.0, 5.0, 3.0, 4.0, 9.0, 6.0, 12.0, 7.0, 8.0, 11.0, 10.0), 3))
                .isEqualTo(noisy);
    }

    @Test
    void theFidelityMatchesDesignsByIdAndBenchmarksByTaskAcrossProfiles() {
        List<ScreeningFidelity.Design> small = List.of(
                new ScreeningFidelity.Design("a", 2.0, Map.of("mqar-32x4", 0.9), 0.8),
                new ScreeningFidelity.Design("b", 2.1, Map.of("mqar-32x4", 0.5), 0.5),
                new ScreeningFidelity.Design("c", 2.2, Map.of("mqar-32x4", 0.1), 0.2),
                new ScreeningFidelity.Design("only-small", 9.0, Map.of("mqar-32x4", 0.0), 0.0));
        List<ScreeningFidelity.Design> large = List.of(
                new ScreeningFidelity.Design("c", 1.9, Map.of("mqar-64x16", 0.2), 0.3),
                new ScreeningFidelity.Design("b", 1.8, Map.of("mqar-64x16", 0.6), 0.5),
                new ScreeningFidelity.Design("a", 1.7, Map.of("mqar-64x16", 0.95), 0.7));

        Map<String, RankCorrelation> fidelity = ScreeningFidelity.of(small, large, 1);

        assertThat(fidelity).containsOnlyKeys("val-loss", "bench-mean", "mqar", "fitness");
        assertThat(fidelity.get("val-loss").n()).isEqualTo(3);
        assertThat(fidelity.get("val-loss").rho()).isEqualTo(1.0, within(1e-12));
        assertThat(fidelity.get("mqar").rho()).isEqualTo(1.0, within(1e-12));
        assertThat(fidelity.get("fitness").rho()).isEqualTo(1.0, within(1e-12));
        assertThat(ScreeningFidelity.task("mqar-updates-64x8")).isEqualTo("mqar-updates");
        assertThat(ScreeningFidelity.task("induction-64")).isEqualTo("induction");
    }
}
