package dev.asiarch.workflows.campaign;

import java.util.List;

/**
 * How a campaign ended, over all its workflow runs.
 *
 * @param experiments candidate experiments that ran (the baseline not counted)
 * @param runs        workflow runs the campaign took (1 + times it continued as new)
 * @param poolRanking the final pool, best first
 * @param beatBaseline candidates the end's validation found significantly better than the baseline
 */
public record CampaignResult(String campaignId, CampaignPhase phase, int experiments, int trained, int failed,
                             double spentUsd, double gpuHours, int runs, List<String> poolRanking,
                             List<String> beatBaseline) {

    public CampaignResult {
        poolRanking = List.copyOf(poolRanking);
        beatBaseline = beatBaseline == null ? List.of() : List.copyOf(beatBaseline);
    }
}
