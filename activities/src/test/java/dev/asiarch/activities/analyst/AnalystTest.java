package dev.asiarch.activities.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.asiarch.activities.cognition.CognitionBase;
import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.LlmRole;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.activities.similarity.Bm25Search;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.store.ExperimentStoreTest;
import dev.asiarch.activities.testing.Databases;
import dev.asiarch.activities.testing.OpenAiTestServer;
import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.workflows.activities.AnalysisAnswer;
import dev.asiarch.workflows.activities.AnalysisRequest;
import dev.asiarch.workflows.activities.AnalystActivities;
import dev.asiarch.workflows.activities.LlmCalls;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Analyst's lineage (parent, grandparent, siblings), offline deltas, the model's five sections, and
 * the whole activity: cognition retrieved by the results analysis, then the summary.
 */
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
        assertThat(analysis.resultsAnalysis()).contains("In words: induction solved; mqar accuracy rose against the "
                + "parent; validation loss better than the parent.");
        assertThat(analysis.synthesis()).contains("sibling Net-c1-e003").contains("sibling Net-c1-e002");
        assertThat(analysis.analyst()).isEqualTo(OfflineAnalyst.NAME);
    }

    private CognitiveAnalyst cognitive(AnalystActivities sections,
                                       Summarizer summarizer) {
        return new CognitiveAnalyst(sections, CognitionBase.load(Optional.empty(), new Bm25Search()), summarizer);
    }

    private Summarizer summarizer() {
        LlmRole role = new LlmRole("summarizer", server.baseUrl(), "small-8b", "KEY", 0.2, Duration.ofSeconds(10), 600,
                0);
        return new LlmSummarizer(new LlmClient(role, name -> "sk-test"),
                new PriceTable(Map.of("small-8b", new PriceTable.Price(0.1, 0.2))));
    }

    @Test
    void theResultsAnalysisRetrievesCognitionAndTheOfflineSummaryCondensesIt() {
        AnalysisAnswer answer = cognitive(new OfflineAnalyst(store), new OfflineSummarizer()).analyse(request());

        Analysis analysis = answer.analysis();
        assertThat(analysis.cognition()).isNotEmpty().hasSizeLessThanOrEqualTo(CognitionBase.RETRIEVED);
        assertThat(analysis.summary()).startsWith("RecallNet: sharper keys. Measured: validation loss 1.8000")
                .contains("Related: " + analysis.cognition().get(0).title());
        assertThat(answer.calls()).isEmpty();
    }

    @Test
    void theModelsSummaryIsKeptWithItsCallAfterTheAnalystsCall() {
        server.thenTextFor("analyst-70b", "{\"design_evaluation\": \"a\", \"results_analysis\": \"mqar-updates "
                + "accuracy near chance: new bindings pile on old ones\", \"expectation_vs_reality\": \"c\", "
                + "\"theoretical_explanation\": \"d\", \"synthesis\": \"keep the sharper keys\"}");
        server.thenTextFor("small-8b", "{\"summary\": \"RecallNet sharpened keys; recall rose by 0.1.\"}");

        AnalysisAnswer answer = cognitive(analyst(), summarizer()).analyse(request());

        assertThat(answer.analysis().summary()).isEqualTo("RecallNet sharpened keys; recall rose by 0.1.");
        assertThat(answer.analysis().cognition()).isNotEmpty();
        assertThat(answer.calls()).extracting(LlmCall::role).containsExactly("analyst", "summarizer");
        assertThat(answer.calls().get(1).costUsd()).isCloseTo((1200 * 0.1 + 800 * 0.2) / 1e6, within(1e-12));
        String prompt = server.promptsTo("small-8b").get(0);
        assertThat(prompt).contains("Synthesis: keep the sharper keys")
                .contains("# Related insights from the literature")
                .contains(answer.analysis().cognition().get(0).title());
    }

    @Test
    void twoUnusableSummariesFallBackToTheOfflineOneAndStillCount() {
        server.thenTextFor("small-8b", "a summary, but not JSON");
        server.thenTextFor("small-8b", "{\"summary\": \"" + "x".repeat(LlmSummarizer.MAX_CHARS + 1) + "\"}");

        AnalysisAnswer answer = cognitive(new OfflineAnalyst(store), summarizer()).analyse(request());

        assertThat(answer.analysis().summary()).startsWith("RecallNet: sharper keys. Measured:");
        assertThat(answer.calls()).extracting(LlmCall::role).containsExactly("summarizer", "summarizer");
        assertThat(server.promptsTo("small-8b").get(1)).contains("That answer cannot be used: it is not valid JSON");
    }

    @Test
    void aSummarizerThatIsDownFailsTheActivityCarryingTheAnalystsCall() {
        server.thenTextFor("analyst-70b", "{\"design_evaluation\": \"a\", \"results_analysis\": \"b\", "
                + "\"expectation_vs_reality\": \"c\", \"theoretical_explanation\": \"d\", \"synthesis\": \"e\"}");
        server.thenFor("small-8b", new OpenAiTestServer.Status(503, "{\"error\":{\"message\":\"overloaded\"}}"));

        assertThatThrownBy(() -> cognitive(analyst(), summarizer()).analyse(request()))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo("LlmUnavailable");
                    assertThat(failure.isNonRetryable()).isTrue();
                    assertThat(failure.getOriginalMessage()).contains("the summarizer call to").contains("small-8b");
                    assertThat(failure.getDetails().get(LlmCalls.class).calls()).extracting(LlmCall::role)
                            .containsExactly("analyst");
                });
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
