package dev.asiarch.workflows.activities;

import java.util.List;

/** Asks for a new architecture evolved from {@code parentId}, with {@code referenceIds} as context. */
public record ProposalRequest(String campaignId, String experimentId, String parentId, List<String> referenceIds,
                              long seed) {
}
