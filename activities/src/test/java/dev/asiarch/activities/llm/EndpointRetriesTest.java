package dev.asiarch.activities.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.activities.cognition.CognitionBase;
import dev.asiarch.activities.research.LlmResearcher;
import dev.asiarch.activities.similarity.Bm25Search;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.store.ExperimentStoreTest;
import dev.asiarch.activities.store.StoreActivitiesImpl;
import dev.asiarch.activities.testing.Databases;
import dev.asiarch.activities.testing.OpenAiTestServer;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.workflows.TaskQueues;
import dev.asiarch.workflows.experiment.ExperimentOutcome;
import dev.asiarch.workflows.experiment.ExperimentRequest;
import dev.asiarch.workflows.experiment.ExperimentWorkflow;
import dev.asiarch.workflows.experiment.ExperimentWorkflowImpl;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One layer retries an agent's endpoint: the SDK, {@code max-retries} times. An experiment run by
 * Temporal, under the workflow's own activity retry policy, makes exactly {@code max-retries + 1} HTTP
 * attempts for a call whose endpoint keeps failing, then records the failure; the activity runs once.
 */
class EndpointRetriesTest {

    private static final int MAX_RETRIES = 2;
    private static final String MODEL = "reasoner-32b";
    private static final String EXPERIMENT = "c1-e001";

    private OpenAiTestServer server;
    private ExperimentStore store;
    private TestWorkflowEnvironment temporal;

    @BeforeEach
    void start() throws Exception {
        server = new OpenAiTestServer();
        store = new ExperimentStore(Databases.h2());
        store.openCampaign("c1", "cpu-smoke", 2, 7, 1_700_000_000_000L);
        store.record(ExperimentStoreTest.trained("c1-e000", Optional.empty(), List.of(), 2.0, 0.5));

        temporal = TestWorkflowEnvironment.newInstance();
        Worker orchestration = temporal.newWorker(TaskQueues.ORCHESTRATION);
        orchestration.registerWorkflowImplementationTypes(ExperimentWorkflowImpl.class);
        orchestration.registerActivitiesImplementations(new StoreActivitiesImpl(store));
        LlmRole role = new LlmRole(AgentRole.RESEARCHER.key(), server.baseUrl(), MODEL, "KEY",
                AgentRole.RESEARCHER.temperature(), Duration.ofSeconds(10), AgentRole.RESEARCHER.maxTokens(), MAX_RETRIES);
        temporal.newWorker(TaskQueues.LLM).registerActivitiesImplementations(new LlmResearcher(
                new LlmClient(role, name -> "sk-test"), PriceTable.none(), store,
                CognitionBase.load(Optional.empty(), new Bm25Search()), 1));
        temporal.start();
    }

    @AfterEach
    void stop() {
        temporal.close();
        server.close();
    }

    @Test
    @Timeout(120)
    void anEndpointThatKeepsFailingGetsMaxRetriesPlusOneAttemptsThenTheExperimentRecordsTheFailure() {
        // Every attempt fails; were Temporal to run the activity again too, each of its three attempts
        // would make three HTTP attempts: nine in all.
        server.thenFor(MODEL, new OpenAiTestServer.Status(429, "{\"error\":{\"message\":\"rate limited\"}}"))
                .thenFor(MODEL, new OpenAiTestServer.Status(500, "{\"error\":{\"message\":\"crashed\"}}"))
                .otherwise(new OpenAiTestServer.Status(503, "{\"error\":{\"message\":\"overloaded\"}}"));

        ExperimentOutcome outcome = temporal.getWorkflowClient().newWorkflowStub(ExperimentWorkflow.class,
                        WorkflowOptions.newBuilder().setWorkflowId(EXPERIMENT).setTaskQueue(TaskQueues.ORCHESTRATION)
                                .build())
                .run(new ExperimentRequest("c1", EXPERIMENT, ExperimentRole.CANDIDATE, "cpu-smoke",
                        Optional.of("c1-e000"), List.of(), OptionalDouble.of(2.0), OptionalDouble.empty(), 7, 0,
                        Optional.empty(), false));

        assertThat(server.requests().size()).as("HTTP attempts").isEqualTo(MAX_RETRIES + 1);
        List<HistoryEvent> history = temporal.getWorkflowClient().fetchHistory(EXPERIMENT).getEvents();
        List<Long> proposals = history.stream().filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
                .filter(event -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName()
                        .equals("Propose"))
                .map(HistoryEvent::getEventId).toList();
        assertThat(proposals).hasSize(1);
        assertThat(history).filteredOn(HistoryEvent::hasActivityTaskStartedEventAttributes)
                .filteredOn(event -> event.getActivityTaskStartedEventAttributes().getScheduledEventId()
                        == proposals.get(0))
                .singleElement().satisfies(event ->
                        assertThat(event.getActivityTaskStartedEventAttributes().getAttempt()).isEqualTo(1));
        assertThat(outcome).isInstanceOfSatisfying(ExperimentOutcome.Failed.class,
                failed -> assertThat(failed.failure()).isEqualTo(FailureReason.NO_PROPOSAL));
        ExperimentRecord record = store.find(EXPERIMENT).orElseThrow();
        assertThat(record.status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(record.failureReason()).contains(FailureReason.NO_PROPOSAL);
        assertThat(record.diagnostic()).startsWith("researcher failed:").contains("overloaded");
    }
}
