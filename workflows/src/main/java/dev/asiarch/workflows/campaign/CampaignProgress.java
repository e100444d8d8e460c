package dev.asiarch.workflows.campaign;

import dev.asiarch.core.pool.PoolEntry;
import dev.asiarch.workflows.experiment.ExperimentOutcome;
import java.util.List;

/**
 * A running campaign as its query reports it.
 *
 * @param total     experiments including the baseline
 * @param completed experiments finished so far, over all workflow runs
 * @param recent    the latest finished experiments of this workflow run, oldest first (at most
 *                  {@value CampaignState#RECENT})
 * @param running   the experiments in flight
 * @param pool      the ranked pool as of the last refresh
 */
public record CampaignProgress(String campaignId, CampaignPhase phase, int total, int completed,
                               List<ExperimentOutcome> recent, List<String> running, List<PoolEntry> pool,
                               double spentUsd, double gpuHours, Steering steering) {

    /** A campaign whose workflow has not begun, or could not: what it was started with was wrong. */
    static CampaignProgress notStarted() {
        return new CampaignProgress("", CampaignPhase.BASELINE, 0, 0, List.of(), List.of(), List.of(), 0, 0,
                Steering.none());
    }
}
