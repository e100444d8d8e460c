package dev.asiarch.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.workflows.experiment.ExperimentRequest;
import dev.asiarch.workflows.experiment.ExperimentWorkflow;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The workflow tests' store is the real schema: what it refuses, a workflow cannot write. */
class RealStoreSchemaTest {

    @RegisterExtension
    final FakeStack stack = new FakeStack();

    @Test
    void anExperimentOfACampaignNeverOpenedIsRefusedByTheStoresForeignKey() {
        ExperimentWorkflow experiment = stack.client().newWorkflowStub(ExperimentWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId("nowhere-e000").setTaskQueue(TaskQueues.ORCHESTRATION)
                        .build());
        ExperimentRequest request = new ExperimentRequest("nowhere", "nowhere-e000", ExperimentRole.BASELINE,
                "cpu-smoke", Optional.empty(), List.of(), OptionalDouble.empty(), OptionalDouble.empty(), 1, 0,
                Optional.empty(), false);

        assertThatThrownBy(() -> experiment.run(request)).isInstanceOf(WorkflowFailedException.class)
                .rootCause().hasMessageContaining("nowhere");
        assertThat(stack.fakes.records).isEmpty();
    }
}
