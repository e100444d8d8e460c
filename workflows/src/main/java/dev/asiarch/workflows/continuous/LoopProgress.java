package dev.asiarch.workflows.continuous;

import dev.asiarch.workflows.campaign.CampaignResult;
import java.util.Optional;

/**
 * Where a discovery loop is: campaigns finished, the one running, the last result, and whether it was
 * told to stop.
 */
public record LoopProgress(String loopId, int completed, Optional<String> running, Optional<CampaignResult> last,
                           boolean stopping) {
}
