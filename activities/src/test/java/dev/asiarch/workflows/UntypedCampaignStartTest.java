package dev.asiarch.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.asiarch.workflows.campaign.CampaignPhase;
import dev.asiarch.workflows.campaign.CampaignResult;
import dev.asiarch.workflows.campaign.CampaignWorkflow;
import dev.asiarch.workflows.campaign.CampaignWorkflowImpl;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.WorkflowReplayer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A campaign started the way a client without our Java types starts it (the Temporal CLI, the TypeScript
 * or Go SDK, a Schedule): by the workflow type's name, with JSON that may leave out anything, even the
 * state, or get something wrong. A wrong start must fail the workflow at once, never retry its task forever.
 */
class UntypedCampaignStartTest {

    @RegisterExtension
    final FakeStack stack = new FakeStack();

    @Test
    void aCampaignStartedWithJsonAloneFinishesUnderItsWorkflowId() throws Exception {
        WorkflowStub campaign = stack.untypedCampaign("plain");
        campaign.start(Map.of("experiments", 1, "profile", "cpu-smoke"));

        CampaignResult result = campaign.getResult(30, TimeUnit.SECONDS, CampaignResult.class);

        assertThat(result.phase()).isEqualTo(CampaignPhase.FINISHED);
        assertThat(result.campaignId()).isEqualTo("plain");
        assertThat(stack.fakes.campaigns).containsOnlyKeys("plain");
        assertThat(stack.fakes.records).containsOnlyKeys("plain-e000", "plain-e001");
        assertThat(stack.fakes.records.get("plain-e001").campaignId()).isEqualTo("plain");
        WorkflowReplayer.replayWorkflowExecution(stack.client().fetchHistory("plain"), CampaignWorkflowImpl.class);
    }

    @Test
    void aJsonNullStateStartsAFreshCampaign() throws Exception {
        WorkflowStub campaign = stack.untypedCampaign("null-state");
        // What `temporal workflow start --input '{...}' --input null` sends: the JSON literal null.
        campaign.start(Map.of("experiments", 1, "profile", "cpu-smoke"), NullNode.getInstance());

        CampaignResult result = campaign.getResult(30, TimeUnit.SECONDS, CampaignResult.class);

        assertThat(result.phase()).isEqualTo(CampaignPhase.FINISHED);
        assertThat(result.runs()).isEqualTo(1);
        assertThat(stack.fakes.records).containsOnlyKeys("null-state-e000", "null-state-e001");
    }

    @Test
    void noArgumentsAtAllRunTheDefaultCampaign() throws Exception {
        WorkflowStub campaign = stack.untypedCampaign("defaults");
        campaign.start();

        CampaignResult result = campaign.getResult(30, TimeUnit.SECONDS, CampaignResult.class);

        assertThat(result.phase()).isEqualTo(CampaignPhase.FINISHED);
        assertThat(result.experiments()).isEqualTo(3);
        assertThat(stack.fakes.records).containsOnlyKeys("defaults-e000", "defaults-e001", "defaults-e002",
                "defaults-e003");
    }

    @Test
    void aCampaignStartedWithJsonContinuesAsNewUnderItsWorkflowId() throws Exception {
        WorkflowStub campaign = stack.untypedCampaign("long");
        campaign.start(Map.of("experiments", 3, "profile", "cpu-smoke", "campaignId", "", "continueAsNewEvery", 1));

        CampaignResult result = campaign.getResult(30, TimeUnit.SECONDS, CampaignResult.class);

        assertThat(result.phase()).isEqualTo(CampaignPhase.FINISHED);
        assertThat(result.runs()).isEqualTo(3);
        assertThat(result.campaignId()).isEqualTo("long");
        assertThat(stack.fakes.records).containsOnlyKeys("long-e000", "long-e001", "long-e002", "long-e003");
        WorkflowReplayer.replayWorkflowExecution(stack.client().fetchHistory("long"), CampaignWorkflowImpl.class);
    }

    @Test
    void tooFewExperimentsFailTheWorkflowAtOnceNamingTheField() {
        ApplicationFailure failure = failureOf("zero", Map.of("experiments", 0));

        assertThat(failure.getOriginalMessage()).contains("experiments must be at least 1, was 0");
    }

    @Test
    void anUnknownProfileFailsTheWorkflowNamingTheKnownOnes() {
        ApplicationFailure failure = failureOf("typo-profile", Map.of("experiments", 1, "profile", "cpu-smal"));

        assertThat(failure.getOriginalMessage())
                .contains("profile: screening profile 'cpu-smal' is unknown; known: cpu-small, cpu-smoke");
    }

    @Test
    void aNegativeBudgetFailsTheWorkflowNamingTheField() {
        ApplicationFailure failure = failureOf("negative", Map.of("llmBudgetUsd", -2.5));

        assertThat(failure.getOriginalMessage())
                .contains("llmBudgetUsd must be a number of dollars >= 0, was -2.5");
    }

    @Test
    void aValueOfTheWrongJsonTypeFailsTheWorkflowNamingTheField() {
        ApplicationFailure failure = failureOf("wrong-type", Map.of("experiments", "five"));

        assertThat(failure.getOriginalMessage()).contains("experiments must be a whole number, was \"five\"");
    }

    @Test
    void aMisspelledFieldFailsTheWorkflowNamingIt() {
        ApplicationFailure failure = failureOf("misspelled", Map.of("experimnts", 5));

        assertThat(failure.getOriginalMessage())
                .contains("experimnts is not a campaign field; known: campaignId, experiments, profile");
        assertThat(stack.fakes.campaigns).isEmpty();
    }

    /**
     * Starts a campaign that must not run and returns why it failed: within seconds, without a single failed
     * workflow task (which Temporal would retry for ever), before any activity ran.
     */
    private ApplicationFailure failureOf(String workflowId, Map<String, Object> json) {
        WorkflowStub campaign = stack.untypedCampaign(workflowId);
        campaign.start(json);

        Throwable thrown = catchThrowable(() -> campaign.getResult(10, TimeUnit.SECONDS, CampaignResult.class));

        assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
        assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
        ApplicationFailure failure = (ApplicationFailure) thrown.getCause();
        assertThat(failure.getType()).isEqualTo(CampaignWorkflow.INVALID_CAMPAIGN);
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(stack.client().fetchHistory(workflowId).getEvents()).extracting(HistoryEvent::getEventType)
                .doesNotContain(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
                        EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
        assertThat(stack.fakes.records).isEmpty();
        return failure;
    }
}
