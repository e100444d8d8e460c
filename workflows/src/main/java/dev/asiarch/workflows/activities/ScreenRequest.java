package dev.asiarch.workflows.activities;

/** Train {@code source} inside the language model of {@code profile} and measure it. */
public record ScreenRequest(String campaignId, String experimentId, String source, String profile, long seed) {
}
