package dev.asiarch.app.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.testing.Databases;
import dev.asiarch.app.study.CampaignCurve;
import dev.asiarch.app.study.StudyReport;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.fitness.NoiseFloor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A study's figures from campaigns as a real (H2) store holds them: best-so-far curves that never count a
 * suspected leak, the first candidate beyond the noise floor, the per-strategy table, the verdict and the CSV.
 */
class StudyReportTest {

    private final ExperimentStore store = new ExperimentStore(Databases.h2());

    /** A campaign whose baseline (loss 2.43) was screened with three seeds, and whose candidates have these losses. */
    private CampaignCurve campaign(String id, String strategy, long seed, double... losses) {
        store.openCampaign(id, "cpu-smoke", losses.length, seed, 1_700_000_000_000L, strategy, 3);
        store.record(LeakingCampaign.trained(id + "-e000", ExperimentRole.BASELINE, "DeltaNet",
                LeakingCampaign.BASELINE_LOSS, LeakingCampaign.BASELINE_BENCHMARK));
        store.recordBaselineSeed(id, seed + 1_000_000, Optional.of(new NoiseFloor.Run(seed + 1_000_000, 2.44,
                Map.of("mqar-64x8", LeakingCampaign.BASELINE_BENCHMARK))), "");
        store.recordBaselineSeed(id, seed + 2_000_000, Optional.of(new NoiseFloor.Run(seed + 2_000_000, 2.42,
                Map.of("mqar-64x8", LeakingCampaign.BASELINE_BENCHMARK))), "");
        for (int i = 0; i < losses.length; i++) {
            ExperimentRecord candidate = LeakingCampaign.trained(String.format("%s-e%03d", id, i + 1),
                    ExperimentRole.CANDIDATE, "C" + i, losses[i], LeakingCampaign.BASELINE_BENCHMARK);
            store.record(candidate);
        }
        store.closeCampaign(id, "FINISHED", 1_700_000_600_000L);
        return CampaignCurve.of(store, store.campaign(id).orElseThrow()).orElseThrow();
    }

    @Test
    void theCurvesKeepTheBestSoFarAndNeverCountALeak() {
        // e002 is a leak (47% below the baseline), e003 lies within the noise, e004 beyond it.
        CampaignCurve curve = campaign("c-p1", "pool", 1, 2.50, 1.28, 2.428, 2.30);

        assertThat(curve.bestLoss()).containsExactly(2.43, 2.43, 2.428, 2.30);
        assertThat(curve.bestFitness().get(0)).isEqualTo(0.5);
        assertThat(curve.bestFitness().get(1)).isEqualTo(0.5);
        assertThat(curve.bestFitness().get(3)).isGreaterThan(0.7);
        assertThat(curve.firstBeyondNoise()).hasValue(4);
        assertThat(curve.noise()).hasValueSatisfying(n -> assertThat(n.runs()).hasSize(3));
        assertThat(curve.rows().get(2).verdict()).hasValueSatisfying(v -> assertThat(v.suspectedLeak()).isTrue());
        assertThat(curve.rows().get(3).standing()).hasValueSatisfying(s -> assertThat(s.withinNoise()).isTrue());
        assertThat(curve.lossGainArea()).isEqualTo(100 * (0.002 + 0.13) / 2.43 / 4, within(1e-9));
    }

    @Test
    void theTableComparesStrategiesAcrossSeedsAndSaysWhenNoDifferenceIsDetectable() {
        List<CampaignCurve> curves = new ArrayList<>();
        curves.add(campaign("c-p1", "pool", 1, 2.40, 2.30, 2.25));
        curves.add(campaign("c-r1", "random", 1, 2.41, 2.35, 2.36));
        curves.add(campaign("c-p2", "pool", 2, 2.45, 2.44, 2.28));
        curves.add(campaign("c-r2", "random", 2, 2.30, 2.44, 2.42));
        StudyReport report = new StudyReport(curves);
        StringWriter printed = new StringWriter();

        report.print(new PrintWriter(printed, true));

        List<String> lines = printed.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("strategy  seeds  final best fitness");
        assertThat(lines.get(1)).startsWith("pool          2  ");
        assertThat(lines.get(2)).startsWith("random        2  ");
        assertThat(report.verdict()).startsWith("no difference between pool and random is detectable at 5%");
        assertThat(report.csv()).hasSize(1 + 4 * 4);
        assertThat(report.csv().get(0)).startsWith("strategy,seed,campaign,index,experiment");
        assertThat(report.csv().get(1)).startsWith("pool,1,c-p1,0,c-p1-e000,DeltaNet");
        assertThat(report.bands(CampaignCurve::bestLoss).get("pool").mean()).hasSize(3);
        assertThat(report.fitnessPlot()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(report.html("study", List.of("seeds 1, 2"))).contains("<img", "seeds 1, 2", "Verdict");
    }

    @Test
    void theLeaderboardTellsEachCandidateAgainstTheNoiseFloor() {
        campaign("c-n", "pool", 1, 2.428, 2.30);
        StringWriter printed = new StringWriter();

        List<LeaderboardEntry> board = LeaderboardEntry.of(store, "c-n");
        LeaderboardPrinter.print(board, store.noiseFloor("c-n"), new PrintWriter(printed, true));

        assertThat(board.get(0).standing()).hasValueSatisfying(s -> assertThat(s.beyondNoise()).isTrue());
        assertThat(board).filteredOn(e -> e.experimentId().equals("c-n-e001")).singleElement()
                .satisfies(e -> assertThat(e.statusLine()).isEqualTo("TRAINED within noise"));
        assertThat(printed.toString()).contains("vs noise", "noise floor: the baseline over 3 seeds: loss 2.430±0.010");
    }
}
