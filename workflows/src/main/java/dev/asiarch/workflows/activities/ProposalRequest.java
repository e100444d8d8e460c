package dev.asiarch.workflows.activities;

import java.util.List;
import java.util.Optional;

/**
 * Asks for a new architecture evolved from {@code parentId}, with {@code referenceIds} as context.
 *
 * @param avoid ideas found to be duplicates of earlier experiments, which a new proposal must not repeat
 * @param idea  an idea the research team injected into the campaign for this proposal
 */
public record ProposalRequest(String campaignId, String experimentId, String parentId, List<String> referenceIds,
                              long seed, List<String> avoid, Optional<String> idea) {

    public ProposalRequest {
        referenceIds = List.copyOf(referenceIds);
        avoid = avoid == null ? List.of() : List.copyOf(avoid);
        idea = idea == null ? Optional.empty() : idea;
    }

    public ProposalRequest(String campaignId, String experimentId, String parentId, List<String> referenceIds,
                           long seed, List<String> avoid) {
        this(campaignId, experimentId, parentId, referenceIds, seed, avoid, Optional.empty());
    }

    /** The same request, also told to avoid {@code repeated}. */
    public ProposalRequest avoiding(String repeated) {
        List<String> more = new java.util.ArrayList<>(avoid);
        more.add(repeated);
        return new ProposalRequest(campaignId, experimentId, parentId, referenceIds, seed, more, idea);
    }
}
