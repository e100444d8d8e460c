package dev.asiarch.app.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.activities.store.ExperimentOutline;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.testing.Databases;
import dev.asiarch.app.report.CampaignReport;
import dev.asiarch.core.experiment.ExperimentRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A campaign whose top fitness belongs to a leaking candidate, read from a real (H2) store by the
 * printed leaderboard, the history behind the dashboard and the report: each flags the leak, ranks it
 * below the plausible candidates and never calls it the best or a winner.
 */
class SuspectedLeakTest {

    private final ExperimentStore store = new ExperimentStore(Databases.h2());
    private final LeakingCampaign.Ids ids = LeakingCampaign.record(store, "c-leak");

    @Test
    void theStoreRanksTheLeakFirstByFitnessSoTheLeaderboardMustNot() {
        // The premise: fitness alone puts the leak on top.
        assertThat(store.leaderboard("c-leak").get(0).experimentId()).isEqualTo(ids.leak());

        List<LeaderboardEntry> board = LeaderboardEntry.of(store, "c-leak");

        assertThat(board).extracting(LeaderboardEntry::experimentId)
                .containsExactly(ids.plausible(), ids.baseline(), ids.worse(), ids.leak(), ids.failed());
        assertThat(board).extracting(LeaderboardEntry::rank).containsExactly(1, 2, 3, 4, 5);
        LeaderboardEntry leak = board.get(3);
        assertThat(leak.suspectedLeak()).isTrue();
        assertThat(leak.statusLine()).isEqualTo("TRAINED suspected leak");
        assertThat(leak.keptOutOfPool()).contains("suspected leak: validation loss 1.280 is 47% below the baseline's "
                + "2.430; gains over 10% are not plausible, so it is kept out of the pool");
        assertThat(leak.fitness().getAsDouble()).isGreaterThan(board.get(0).fitness().getAsDouble());
        assertThat(board.get(2).suspectedLeak()).isFalse();
        assertThat(board.get(2).keptOutOfPool()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("validation loss 2.900 is 19.3% above the baseline's 2.430"));
        assertThat(board).filteredOn(e -> !e.experimentId().equals(ids.leak()) && !e.experimentId().equals(ids.worse()))
                .allSatisfy(e -> {
                    assertThat(e.suspectedLeak()).isFalse();
                    assertThat(e.keptOutOfPool()).isEmpty();
                });
    }

    @Test
    void thePrintedLeaderboardFlagsTheLeakAndSaysWhyItRanksLow() {
        StringWriter printed = new StringWriter();
        LeaderboardPrinter.print(LeaderboardEntry.of(store, "c-leak"), new PrintWriter(printed, true));
        List<String> lines = printed.toString().lines().toList();

        assertThat(lines.get(0)).startsWith("rank  name");
        assertThat(lines.get(1)).startsWith("1     SteadyGate").endsWith("TRAINED");
        assertThat(lines.get(4)).startsWith("4     PeekAhead").contains("1.2800").endsWith("TRAINED suspected leak");
        assertThat(lines.get(5)).startsWith("-     Reader").endsWith("FAILED (NON_CAUSAL)");
        assertThat(printed.toString()).contains("kept out of the pool by the candidate filter:\n"
                        + "  TooSlow (e003): validation loss 2.900 is 19.3% above the baseline's 2.430")
                .contains("  PeekAhead (e002): suspected leak: validation loss 1.280 is 47% below the baseline's 2.430")
                .contains("suspected leaks rank below every plausible candidate and never count as the campaign's best");
    }

    @Test
    void theHistoryNeverCountsTheLeakAsAWinnerOrAsTheBestSoFar() {
        CampaignHistory history = new CampaignHistory(store.campaignOutlines("c-leak"));
        double plausibleFitness = history.find(ids.plausible()).orElseThrow().fitness().getAsDouble();

        assertThat(history.winners(3)).extracting(ExperimentOutline::experimentId)
                .containsExactly(ids.plausible(), ids.worse());
        assertThat(history.suspectedLeaks()).extracting(ExperimentOutline::experimentId).containsExactly(ids.leak());
        List<CampaignHistory.Progress> progress = history.progress();
        assertThat(progress.get(2).suspectedLeak()).isTrue();
        assertThat(progress).allSatisfy(p -> assertThat(p.bestFitness().getAsDouble()).isLessThanOrEqualTo(
                plausibleFitness));
        assertThat(progress.get(4).bestFitness()).hasValue(plausibleFitness);
        assertThat(history.lineage().get(0).children()).filteredOn(CampaignHistory.LineageNode::suspectedLeak)
                .extracting(CampaignHistory.LineageNode::experimentId).containsExactly(ids.leak());
    }

    @Test
    void theReportFlagsTheLeakAndLeavesItOutOfTheWinners() {
        CampaignHistory history = new CampaignHistory(store.campaignOutlines("c-leak"));
        CampaignReport.Details details = CampaignReport.Details.of(history, store::find);

        String html = CampaignReport.html(store.campaign("c-leak").orElseThrow(), history, details,
                LeaderboardEntry.of(store, "c-leak"), Instant.EPOCH);

        assertThat(details.winners()).extracting(ExperimentRecord::experimentId).doesNotContain(ids.leak());
        assertThat(html).contains("<tr class=\"leak\"><td class=\"n\">4</td><td>PeekAhead</td>")
                .contains("<td>TRAINED suspected leak</td>")
                .contains("<h2>Kept out of the pool</h2>")
                .contains("PeekAhead</b> <span class=\"muted\">" + ids.leak() + "</span>: suspected leak: validation "
                        + "loss 1.280 is 47% below the baseline's 2.430")
                .contains("Suspected leaks are ranked below every plausible candidate");
        String winners = html.substring(html.indexOf("<h2>The winners</h2>"));
        assertThat(winners).contains("<h3>SteadyGate").doesNotContain("PeekAhead");
        assertThat(html.indexOf("<h3>SteadyGate")).isLessThan(html.indexOf("<h3>TooSlow"));
    }
}
