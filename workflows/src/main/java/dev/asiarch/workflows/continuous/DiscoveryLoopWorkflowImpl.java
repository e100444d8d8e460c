package dev.asiarch.workflows.continuous;

import dev.asiarch.workflows.Stubs;
import dev.asiarch.workflows.campaign.CampaignInput;
import dev.asiarch.workflows.campaign.CampaignResult;
import dev.asiarch.workflows.campaign.CampaignSpec;
import dev.asiarch.workflows.campaign.CampaignState;
import dev.asiarch.workflows.campaign.CampaignWorkflow;
import io.temporal.workflow.Workflow;
import java.util.Optional;

/** Runs one campaign, waits for the interval (or a stop), and continues as new for the next. */
public class DiscoveryLoopWorkflowImpl implements DiscoveryLoopWorkflow {

    private String loopId = "";
    private int completed;
    private Optional<String> running = Optional.empty();
    private Optional<CampaignResult> last = Optional.empty();
    private boolean stopping;

    @Override
    public LoopProgress run(LoopSpec spec, int completedBefore) {
        loopId = spec.loopId();
        completed = completedBefore;
        CampaignSpec campaign = spec.campaign(completed + 1);
        running = Optional.of(campaign.campaignId());
        CampaignWorkflow child = Stubs.campaign(campaign.campaignId());
        last = Optional.of(child.run(CampaignInput.of(campaign), CampaignState.start()));
        running = Optional.empty();
        completed++;
        if (stopping || (spec.increments() > 0 && completed >= spec.increments())) {
            return progress();
        }
        Workflow.await(spec.interval(), () -> stopping);
        if (stopping) {
            return progress();
        }
        Workflow.continueAsNew(spec, completed);
        return progress();
    }

    @Override
    public void stop() {
        stopping = true;
    }

    @Override
    public LoopProgress progress() {
        return new LoopProgress(loopId, completed, running, last, stopping);
    }
}
