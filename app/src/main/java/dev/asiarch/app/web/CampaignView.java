package dev.asiarch.app.web;

import dev.asiarch.app.campaign.Campaigns;
import dev.asiarch.workflows.campaign.CampaignProgress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A campaign as the API shows it: the store's record joined with the running workflow's progress.
 *
 * @param status   the live phase while its workflow runs here (e.g. EXPLORING, PAUSED), else the stored one
 * @param failures failed experiments by reason
 * @param live     the running workflow's progress: in flight, pool, spend, steering log
 * @param inFlight what each experiment in flight is doing
 * @param note     why a campaign the store calls RUNNING has no live progress, when that is so
 */
public record CampaignView(String id, String profile, int experiments, long seed, String status, int recorded,
                           int trained, long startedAtMillis, OptionalLong finishedAtMillis,
                           Map<String, Long> failures, Optional<CampaignProgress> live,
                           List<Campaigns.InFlight> inFlight, Optional<String> note) {
}
