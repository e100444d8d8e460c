package dev.asiarch.workflows.activities;

import java.util.List;

/**
 * Asks for a new architecture evolved from {@code parentId}, with {@code referenceIds} as context.
 *
 * @param avoid ideas found to be duplicates of earlier experiments, which a new proposal must not repeat
 */
public record ProposalRequest(String campaignId, String experimentId, String parentId, List<String> referenceIds,
                              long seed, List<String> avoid) {

    public ProposalRequest {
        referenceIds = List.copyOf(referenceIds);
        avoid = avoid == null ? List.of() : List.copyOf(avoid);
    }

    /** The same request, also told to avoid {@code idea}. */
    public ProposalRequest avoiding(String idea) {
        List<String> more = new java.util.ArrayList<>(avoid);
        more.add(idea);
        return new ProposalRequest(campaignId, experimentId, parentId, referenceIds, seed, more);
    }
}
