package dev.asiarch.workflows.campaign;

import dev.asiarch.workflows.experiment.ExperimentOutcome;
import java.util.List;

/** Every experiment of a finished campaign, the baseline first, and the final pool ranking. */
public record CampaignResult(String campaignId, CampaignPhase phase, List<ExperimentOutcome> outcomes,
                             List<String> poolRanking) {
}
