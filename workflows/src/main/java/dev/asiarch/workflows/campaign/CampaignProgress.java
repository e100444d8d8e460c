package dev.asiarch.workflows.campaign;

import dev.asiarch.workflows.experiment.ExperimentOutcome;
import java.util.List;
import java.util.Optional;

/**
 * A running campaign as its query reports it.
 *
 * @param total    experiments including the baseline
 * @param running  the experiment in flight, if any
 */
public record CampaignProgress(String campaignId, CampaignPhase phase, int total, List<ExperimentOutcome> finished,
                               Optional<String> running) {
}
