package dev.asiarch.workflows.activities;

/** Compile and check {@code source} against the contract and the profile's budget. */
public record ImplementRequest(String campaignId, String experimentId, String source, String profile) {
}
