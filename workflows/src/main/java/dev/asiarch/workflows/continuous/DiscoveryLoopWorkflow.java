package dev.asiarch.workflows.continuous;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The embedded server's stand-in for a Temporal Schedule (which it does not have): a campaign, a
 * timer, the next campaign, continuing as new after each so the history stays one campaign long.
 */
@WorkflowInterface
public interface DiscoveryLoopWorkflow {

    /** @param completed campaigns finished before this run (0 when the loop starts) */
    @WorkflowMethod
    LoopProgress run(LoopSpec spec, int completed);

    /** Ends the loop once the campaign in flight (if any) finishes; a waiting timer is cut short. */
    @SignalMethod
    void stop();

    @QueryMethod
    LoopProgress progress();
}
