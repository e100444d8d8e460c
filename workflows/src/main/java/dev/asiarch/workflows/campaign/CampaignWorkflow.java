package dev.asiarch.workflows.campaign;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Measures the baseline, then evolves candidates from the pool, one experiment at a time. */
@WorkflowInterface
public interface CampaignWorkflow {

    @WorkflowMethod
    CampaignResult run(CampaignSpec spec);

    @QueryMethod
    CampaignProgress progress();
}
