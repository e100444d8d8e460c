package dev.asiarch.activities.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.LlmRole;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.store.ExperimentStoreTest;
import dev.asiarch.activities.testing.Databases;
import dev.asiarch.activities.testing.OpenAiTestServer;
import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.workflows.activities.AnalysisRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Analyst's lineage (parent, grandparent, siblings), offline deltas, and the model's five sections. */
class AnalystTest {

    private OpenAiTestServer server;
    private ExperimentStore store;

    @BeforeEach
    void start() throws Exception {
        server = new OpenAiTestServer();
        store = new ExperimentStore(Databases.h2());
        store.openCampaign("c1", "cpu-tiny", 4, 7, 1_700_000_000_000L);
        store.record(ExperimentStoreTest.trained("c1-e000", Optional.empty(), List.of(), 2.0, 0.5));
        store.record(ExperimentStoreTest.trained("c1-e001", Optional.of("c1-e000"), List.of(), 1.9, 0.8));
        store.record(ExperimentStoreTest.trained("c1-e002", Optional.of("c1-e001"), List.of(), 1.95, 0.6));
        store.record(ExperimentStoreTest.trained("c1-e003", Optional.of("c1-e001"), List.of(), 1.85, 0.9));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static AnalysisRequest request() {
        TrainingMetrics metrics = new TrainingMetrics(1.8, 1.8, List.of(3.0, 1.8), 10, 13_200, 99_000, 20,
                Map.of("mqar-128x32", 0.35, "induction-64", 1.0));
        return new AnalysisRequest("c1", "c1-e004", Optional.of("c1-e001"), "RecallNet", "sharper keys",
                "public final class RecallNet extends TokenMixer {}", metrics);
    }

    @Test
    void offlineItReportsDeltasAgainstParentGrandparentAndTwoSiblings() {
        Analysis analysis = new OfflineAnalyst(store).analyse(request()).analysis();

        assertThat(analysis.designEvaluation()).startsWith("RecallNet evolves Net-c1-e001");
        assertThat(analysis.resultsAnalysis())
                .contains("Against the parent Net-c1-e001: validation loss -0.1000 (-5.3%), parameters +9000, "
                        + "tokens/s +10%, induction-64 +0.000, mqar-128x32 +0.100")
                .contains("Against the grandparent Net-c1-e000");
        assertThat(analysis.synthesis()).contains("sibling Net-c1-e003").contains("sibling Net-c1-e002");
        assertThat(analysis.analyst()).isEqualTo(OfflineAnalyst.NAME);
    }

    private LlmAnalyst analyst() {
        LlmRole role = new LlmRole("analyst", server.baseUrl(), "analyst-70b", "KEY", 0.3, Duration.ofSeconds(10), 3000,
                0);
        return new LlmAnalyst(new LlmClient(role, name -> "sk-test"), PriceTable.none(), store);
    }

    @Test
    void theModelSeesTheLineageAndAnswersFiveSections() {
        server.thenText("{\"design_evaluation\": \"a\", \"results_analysis\": \"b\", \"expectation_vs_reality\": "
                + "\"c\", \"theoretical_explanation\": \"d\", \"synthesis\": \"e\"}");

        Analysis analysis = analyst().analyse(request()).analysis();

        assertThat(analysis).isEqualTo(new Analysis("a", "b", "c", "d", "e", "analyst-70b"));
        String prompt = server.requests().get(0).path("messages").get(1).path("content").asText();
        assertThat(prompt).contains("# Experiment: RecallNet").contains("# Parent: Net-c1-e001")
                .contains("# Grandparent: Net-c1-e000").contains("# Sibling: Net-c1-e003")
                .contains("# Sibling: Net-c1-e002").contains("The experiment against it: validation loss -0.1000");
    }

    @Test
    void aMissingSectionIsSentBackThenTheAnalystGivesUp() {
        server.otherwise(new OpenAiTestServer.Text("{\"design_evaluation\": \"a\"}", 100, 10));

        assertThatThrownBy(() -> analyst().analyse(request()))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> assertThat(failure.getOriginalMessage())
                        .contains("\"results_analysis\" is missing"));
        assertThat(server.requests()).hasSize(2);
    }
}
