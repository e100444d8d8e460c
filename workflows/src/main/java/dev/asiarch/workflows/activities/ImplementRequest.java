package dev.asiarch.workflows.activities;

/**
 * Compile and check {@code source} against the contract and the profile's budget.
 *
 * @param round 0 for the researcher's source, 1.. for the Engineer's repairs
 */
public record ImplementRequest(String campaignId, String experimentId, int round, String source, String profile) {
}
