package dev.asiarch.workflows.experiment;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Propose, implement and check, screen, record: one architecture from idea to stored result. */
@WorkflowInterface
public interface ExperimentWorkflow {

    @WorkflowMethod
    ExperimentOutcome run(ExperimentRequest request);

    @QueryMethod
    ExperimentProgress progress();
}
