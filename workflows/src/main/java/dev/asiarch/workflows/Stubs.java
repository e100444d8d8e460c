package dev.asiarch.workflows;

import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.workflows.activities.CandidateActivities;
import dev.asiarch.workflows.activities.StoreActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Every activity stub the workflows use, each declared once with its options and why. Call from workflow
 * code only.
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
}
