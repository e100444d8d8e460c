package dev.asiarch.workflows;

import dev.asiarch.workflows.campaign.CampaignWorkflow;
import dev.asiarch.workflows.campaign.CampaignWorkflowImpl;
import dev.asiarch.workflows.continuous.DiscoveryLoopWorkflowImpl;
import dev.asiarch.workflows.experiment.ExperimentWorkflowImpl;
import dev.asiarch.workflows.validation.ValidationWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Temporal's test environment with every workflow registered and {@link FakeActivities} serving all
 * three task queues: the stage for workflow logic tests.
 */
final class FakeStack implements AutoCloseable, AfterEachCallback {

    final TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance();
    final FakeActivities fakes = new FakeActivities();

    FakeStack() {
        Worker orchestration = environment.newWorker(TaskQueues.ORCHESTRATION);
        orchestration.registerWorkflowImplementationTypes(CampaignWorkflowImpl.class, ExperimentWorkflowImpl.class,
                ValidationWorkflowImpl.class, DiscoveryLoopWorkflowImpl.class);
        orchestration.registerActivitiesImplementations(fakes);
        environment.newWorker(TaskQueues.LLM).registerActivitiesImplementations(fakes);
        environment.newWorker(TaskQueues.GPU).registerActivitiesImplementations(fakes);
        environment.start();
    }

    WorkflowClient client() {
        return environment.getWorkflowClient();
    }

    /** A stub for the campaign with this id, on the orchestration queue. */
    CampaignWorkflow campaign(String campaignId) {
        return client().newWorkflowStub(CampaignWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(campaignId).setTaskQueue(TaskQueues.ORCHESTRATION).build());
    }

    /**
     * A stub that knows the campaign only by its workflow type's name, as a client in another language or the
     * Temporal CLI does: what it starts the campaign with is the JSON of its arguments and nothing more.
     */
    WorkflowStub untypedCampaign(String workflowId) {
        return client().newUntypedWorkflowStub("CampaignWorkflow", WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId).setTaskQueue(TaskQueues.ORCHESTRATION).build());
    }

    @Override
    public void close() {
        environment.close();
    }

    /** Registered as a test's extension ({@code @RegisterExtension}), a stack lives for one test. */
    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }
}
