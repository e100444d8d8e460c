package dev.asiarch.workflows.activities;

/** Asks for the campaign's baseline program. */
public record SeedRequest(String campaignId, String experimentId, String program) {
}
