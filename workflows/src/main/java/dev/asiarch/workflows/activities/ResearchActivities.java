package dev.asiarch.workflows.activities;

import io.temporal.activity.ActivityInterface;

/** The researcher role, on the {@code llm} task queue. */
@ActivityInterface
public interface ResearchActivities {

    /** The hand-written seed program the campaign measures as its baseline. */
    Proposal seedProposal(SeedRequest request);

    /** A new architecture derived from the parent, named and motivated. */
    Proposal propose(ProposalRequest request);
}
