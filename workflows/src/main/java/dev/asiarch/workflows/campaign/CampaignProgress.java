package dev.asiarch.workflows.campaign;

import dev.asiarch.core.pool.PoolEntry;
import dev.asiarch.workflows.experiment.ExperimentOutcome;
import java.util.List;

/**
 * A running campaign as its query reports it.
 *
 * @param total     experiments including the baseline
 * @param completed experiments finished so far, over all workflow runs
 * @param recent    the latest finished experiments, oldest first (at most {@value CampaignWorkflowImpl#RECENT})
 * @param running   the experiments in flight
 * @param pool      the ranked pool as of the last refresh
 */
public record CampaignProgress(String campaignId, CampaignPhase phase, int total, int completed,
                               List<ExperimentOutcome> recent, List<String> running, List<PoolEntry> pool,
                               double spentUsd, double gpuHours, Steering steering) {
}
