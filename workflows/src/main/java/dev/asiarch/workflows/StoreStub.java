package dev.asiarch.workflows;

import dev.asiarch.workflows.activities.StoreActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** The store's activity stub, shared by the workflows: short writes, retried through a database hiccup. */
public final class StoreStub {

    private StoreStub() {
    }

    /** Call from workflow code only. */
    public static StoreActivities create() {
        return Workflow.newActivityStub(StoreActivities.class, ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.ORCHESTRATION)
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
                .build());
    }
}
