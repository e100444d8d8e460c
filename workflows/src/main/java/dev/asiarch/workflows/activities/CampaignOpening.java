package dev.asiarch.workflows.activities;

/** A campaign as the store first records it. */
public record CampaignOpening(String campaignId, String profile, int experiments, long seed, long startedAtMillis) {
}
