package dev.asiarch.app.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.activities.engineer.OfflineEngineer;
import dev.asiarch.activities.research.OfflineResearcher;
import dev.asiarch.app.testing.Slow;
import dev.asiarch.artifacts.ArtifactKey;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.gpu.testing.Candidates;
import dev.asiarch.workflows.campaign.CampaignPhase;
import dev.asiarch.workflows.campaign.CampaignResult;
import dev.asiarch.workflows.campaign.CampaignSpec;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every program of the hostile corpus (future readers, open or behind gates, stop-gradients, batch sizes,
 * odd positions, ragged lengths and training itself; batch mixers; quadratic work in closed arrays, Java
 * loops and long filters; hidden and constant weights; exits, sockets, files, threads, reflection,
 * finalizers, enum state, own scopes and managers; endless loops, runaway allocations, NaNs, crashes,
 * forged channel messages, huge messages, oversized and compiler-crashing sources) handed in by the
 * researcher of one campaign, with no LLM to repair them: each ends as a recorded failure in its own
 * category, and every program of the legitimate corpus (the Java models write: records, enums and their
 * switches, assert, arrays, lambdas, nested classes, text blocks, scaling by literals) trains; the
 * orchestrator runs on, and no leaking candidate reaches the leaderboard.
 */
@Slow("runs a campaign with the real activities, checking and training in child JVMs")
class HostileCandidatesEndToEndTest {

    @TempDir
    Path data;

    @Test
    void everyHostileCandidateIsARecordedFailureOfItsCategoryAndTheCampaignCarriesOn() throws Exception {
        List<Candidates.Hostile> corpus = Candidates.corpus();
        List<Candidates.Legitimate> legitimate = Candidates.legitimate();
        Map<String, String> scripted = new LinkedHashMap<>();
        CampaignSpec spec = CampaignSpec.of("c1", corpus.size() + legitimate.size() + 1, "cpu-smoke", 2);
        for (int i = 0; i < corpus.size(); i++) {
            scripted.put(spec.experimentId(i + 1), corpus.get(i).source());
        }
        for (int i = 0; i < legitimate.size(); i++) {
            scripted.put(spec.experimentId(corpus.size() + i + 1), legitimate.get(i).source());
        }

        try (CampaignHarness harness = new CampaignHarness(data, scripted, new OfflineEngineer())) {
            CampaignResult result = harness.run(spec);

            assertThat(result.phase()).as("the campaign's phase; its records:%n%s", harness.recorded("c1"))
                    .isEqualTo(CampaignPhase.FINISHED);
            List<ExperimentRecord> records = harness.store.campaignExperiments("c1");
            assertThat(records).hasSize(corpus.size() + legitimate.size() + 2);
            assertThat(records.get(0).status()).isEqualTo(ExperimentStatus.TRAINED);
            Map<String, FailureReason> got = new LinkedHashMap<>();
            Map<String, FailureReason> expected = new LinkedHashMap<>();
            for (int i = 0; i < corpus.size(); i++) {
                ExperimentRecord record = records.get(i + 1);
                String name = corpus.get(i).name();
                assertThat(record.status()).as(name).isEqualTo(ExperimentStatus.FAILED);
                assertThat(record.diagnostic()).as(name).isNotBlank();
                assertThat(record.attempts()).as(name).hasSize(1);
                got.put(name, record.failureReason().orElseThrow());
                expected.put(name, corpus.get(i).expected());
            }
            assertThat(got).isEqualTo(expected);
            for (int i = 0; i < legitimate.size(); i++) {
                ExperimentRecord record = records.get(corpus.size() + i + 1);
                assertThat(record.status()).as(legitimate.get(i).name() + ": " + record.diagnostic())
                        .isEqualTo(ExperimentStatus.TRAINED);
            }
            ExperimentRecord last = records.get(records.size() - 1);
            assertThat(last.status()).as(last.name() + ": " + last.failureReason().map(Enum::name).orElse("") + " "
                    + last.diagnostic()).isEqualTo(ExperimentStatus.TRAINED);
            assertThat(last.researcher()).isEqualTo(OfflineResearcher.NAME);

            ExperimentRecord compileError = records.get(1 + names(corpus).indexOf("DoesNotCompile"));
            assertThat(compileError.diagnostic()).contains("line 11").contains("frobnicate");
            ExperimentRecord trainedToLeak = records.get(1 + names(corpus).indexOf("LeaksOnceTrainingStarts"));
            assertThat(trainedToLeak.diagnostic()).startsWith("after training");
            assertThat(records.get(1 + names(corpus).indexOf("HugeExceptionMessage")).diagnostic())
                    .hasSizeLessThanOrEqualTo(dev.asiarch.core.experiment.Diagnostic.LIMIT);
            assertThat(records.get(1 + names(corpus).indexOf("OversizedSource")).diagnostic())
                    .contains("a candidate may be at most 262144 bytes");
            // No hostile program trained, so none can rank anywhere: the pool holds the baseline and legitimate ones.
            Set<String> hostile = new HashSet<>();
            for (int i = 0; i < corpus.size(); i++) {
                hostile.add(spec.experimentId(i + 1));
            }
            assertThat(result.poolRanking()).noneMatch(hostile::contains);
            List<LeaderboardEntry> leaderboard = LeaderboardEntry.of(harness.store, "c1");
            assertThat(leaderboard).filteredOn(entry -> entry.status().equals("TRAINED"))
                    .noneMatch(entry -> hostile.contains(entry.experimentId()))
                    .noneMatch(LeaderboardEntry::suspectedLeak);
            assertThat(harness.artifacts.getText(ArtifactKey.experimentFile("c1", records.get(1).experimentId(),
                    "checks.json"))).contains(corpus.get(0).expected().name());
            harness.replayAll("c1");
        }
    }

    private static List<String> names(List<Candidates.Hostile> corpus) {
        return corpus.stream().map(Candidates.Hostile::name).toList();
    }
}
