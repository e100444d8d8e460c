package dev.asiarch.activities.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.LlmRole;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.store.ExperimentStoreTest;
import dev.asiarch.activities.testing.Databases;
import dev.asiarch.activities.testing.OpenAiTestServer;
import dev.asiarch.core.experiment.JudgeScores;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.workflows.activities.JudgeAnswer;
import dev.asiarch.workflows.activities.JudgeRequest;
import dev.asiarch.workflows.activities.LlmCalls;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The offline judge's formula, and the model judge against a local OpenAI-speaking server. */
class JudgeTest {

    private OpenAiTestServer server;
    private ExperimentStore store;

    @BeforeEach
    void start() throws Exception {
        server = new OpenAiTestServer();
        store = new ExperimentStore(Databases.h2());
        store.openCampaign("c1", "cpu-tiny", 1, 7, 1_700_000_000_000L);
        // Baseline: loss 2.0, benchmarks (0.25 + 1.0) / 2, 12,000 tokens/s, 90,000 parameters.
        store.record(ExperimentStoreTest.trained("c1-e000", Optional.empty(), List.of(), 2.0, 0.5));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JudgeRequest request(TrainingMetrics metrics) {
        return new JudgeRequest("c1", "c1-e001", "RecallNet", "sharper keys", "public final class RecallNet {}",
                metrics);
    }

    private static TrainingMetrics metrics(double loss, double tokensPerSecond, long parameters) {
        return new TrainingMetrics(loss, loss, List.of(3.0, loss), 10, tokensPerSecond, parameters, 20,
                Map.of("mqar-128x32", 0.25, "induction-64", 1.0));
    }

    @Test
    void theOfflineJudgeGradesWhatWasMeasuredAndStaysOutOfTheFitness() {
        JudgeScores same = new OfflineJudge(store).judge(request(metrics(2.0, 12_000, 90_000))).scores();
        JudgeScores better = new OfflineJudge(store).judge(request(metrics(1.8, 24_000, 90_000))).scores();

        assertThat(same.performance()).isCloseTo(5.5, within(1e-9));
        assertThat(same.complexity()).isCloseTo(5.5, within(1e-9));
        assertThat(same.innovation()).isEqualTo(5.5);
        assertThat(same.inFitness()).isFalse();
        assertThat(better.complexity()).isCloseTo(10, within(1e-9));
        assertThat(better.performance()).isGreaterThan(same.performance());
        assertThat(better.rationale()).contains("validation loss 1.8000 vs 2.0000").contains("24000 vs 12000 tokens/s");
    }

    private LlmJudge judge() {
        LlmRole role = new LlmRole("judge", server.baseUrl(), "judge-70b", "KEY", 0.0, Duration.ofSeconds(10), 800, 0);
        return new LlmJudge(new LlmClient(role, name -> "sk-test"), PriceTable.none(), store);
    }

    @Test
    void theModelJudgeSeesTheRubricAndTheMeasuredResultsAndItsGradesCount() {
        server.thenText("{\"performance\": 6, \"innovation\": 7.5, \"complexity\": 6.5, \"rationale\": \"solid\"}");

        JudgeAnswer answer = judge().judge(request(metrics(1.9, 12_000, 90_000)));

        assertThat(answer.scores()).isEqualTo(new JudgeScores(6, 7.5, 6.5, "solid", "judge-70b", true));
        assertThat(answer.calls()).hasSize(1);
        var messages = server.requests().get(0).path("messages");
        assertThat(messages.get(0).path("content").asText()).contains("performance (weight 0.30)")
                .contains("Gated DeltaNet");
        assertThat(messages.get(1).path("content").asText()).contains("validation loss 1.9000 vs 2.0000")
                .contains("public final class RecallNet");
    }

    @Test
    void gradesOutOfRangeAreSentBackThenTheJudgeGivesUpWithItsCalls() {
        server.otherwise(new OpenAiTestServer.Text("{\"performance\": 11, \"innovation\": 5, \"complexity\": 5, "
                + "\"rationale\": \"x\"}", 100, 10));

        assertThatThrownBy(() -> judge().judge(request(metrics(1.9, 12_000, 90_000))))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getOriginalMessage()).contains("\"performance\" must be a number from 1 to 10");
                    assertThat(failure.getDetails().get(LlmCalls.class).calls()).hasSize(2);
                });
    }
}
