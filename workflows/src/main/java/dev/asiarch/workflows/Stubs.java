package dev.asiarch.workflows;

import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.workflows.activities.CandidateActivities;
import dev.asiarch.workflows.activities.StoreActivities;
import dev.asiarch.workflows.campaign.CampaignWorkflow;
import dev.asiarch.workflows.experiment.ExperimentWorkflow;
import dev.asiarch.workflows.validation.ValidationWorkflow;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Every activity and child-workflow stub the workflows use, each declared once with its options and why.
 * Call from workflow code only.
 */
public final class Stubs {

    /**
     * Infrastructure faults (a worker lost, a store hiccup) are retried; a candidate's own faults are data
     * in its report, and an endpoint that keeps failing has already been retried by the agent's client,
     * which then fails the activity as non-retryable.
     */
    private static final RetryOptions INFRASTRUCTURE_RETRIES = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofSeconds(30))
            .setMaximumAttempts(3)
            .build();

    /**
     * Every agent on the llm queue: an offline one answers in milliseconds, a model may take minutes; a
     * queue without a worker still ends within half an hour instead of hanging the experiment.
     */
    private static final ActivityOptions AGENT = ActivityOptions.newBuilder()
            .setTaskQueue(TaskQueues.LLM)
            .setStartToCloseTimeout(Duration.ofMinutes(5))
            .setScheduleToCloseTimeout(Duration.ofMinutes(30))
            .setRetryOptions(INFRASTRUCTURE_RETRIES)
            .build();

    /** The store: short writes keyed by experiment id (so a retry is harmless), retried through a database hiccup. */
    private static final ActivityOptions STORE = ActivityOptions.newBuilder()
            .setTaskQueue(TaskQueues.ORCHESTRATION)
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
            .build();

    private Stubs() {
    }

    public static StoreActivities store() {
        return Workflow.newActivityStub(StoreActivities.class, STORE);
    }

    /** An agent group on the llm queue (research, novelty, engineer, judge, analyst). */
    public static <T> T agent(Class<T> agentActivities) {
        return Workflow.newActivityStub(agentActivities, AGENT);
    }

    /**
     * Checks and screenings on the gpu queue. The child process has its own wall-clock limit; the activity
     * timeout adds slack for JVM start and artifact upload. Heartbeats come from the training loop's
     * progress, so a worker that dies is noticed within the profile's heartbeat timeout and the run resumes
     * from its last checkpoint elsewhere.
     */
    public static CandidateActivities candidates(ScreeningProfile profile) {
        return Workflow.newActivityStub(CandidateActivities.class, ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.GPU)
                .setStartToCloseTimeout(profile.checkTimeout().plus(profile.trainTimeout()).plusMinutes(2))
                .setHeartbeatTimeout(profile.heartbeatTimeout())
                .setRetryOptions(INFRASTRUCTURE_RETRIES)
                .build());
    }

    /**
     * An experiment of a campaign, under its own id: a campaign that is terminated takes its experiments
     * with it, and one that continues as new waits for them first.
     */
    public static ExperimentWorkflow experiment(String experimentId, SearchAttributes attributes) {
        ChildWorkflowOptions.Builder options = ChildWorkflowOptions.newBuilder()
                .setWorkflowId(experimentId)
                .setTaskQueue(TaskQueues.ORCHESTRATION)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE);
        if (attributes.size() > 0) {
            options.setTypedSearchAttributes(attributes);
        }
        return Workflow.newChildWorkflowStub(ExperimentWorkflow.class, options.build());
    }

    /** The validation at a campaign's end, under the campaign's id; it ends with the campaign. */
    public static ValidationWorkflow validation(String campaignId) {
        return Workflow.newChildWorkflowStub(ValidationWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(campaignId + "-validation")
                .setTaskQueue(TaskQueues.ORCHESTRATION)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
                .build());
    }

    /** A campaign of continuous discovery: it outlives a loop that continues as new or is terminated. */
    public static CampaignWorkflow campaign(String campaignId) {
        return Workflow.newChildWorkflowStub(CampaignWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(campaignId)
                .setTaskQueue(TaskQueues.ORCHESTRATION)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    }
}
