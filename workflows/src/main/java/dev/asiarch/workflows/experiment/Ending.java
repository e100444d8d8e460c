package dev.asiarch.workflows.experiment;

import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.experiment.ImplementationAttempt;
import dev.asiarch.workflows.activities.Proposal;
import java.util.List;
import java.util.Optional;

/**
 * How an experiment ended before it trained: the reason and its diagnostic, with what was known by then
 * (the proposal, the last source checked and every attempt), all of which the record keeps.
 */
record Ending(FailureReason reason, String diagnostic, Proposal proposal, String source,
              List<ImplementationAttempt> attempts) {

    Ending {
        attempts = List.copyOf(attempts);
    }

    /** No proposal at all: the researcher could not answer. */
    static Ending withoutProposal(String diagnostic) {
        Proposal none = new Proposal("(no proposal)", "", Optional.empty(), "", "none", List.of());
        return new Ending(FailureReason.NO_PROPOSAL, diagnostic, none, "", List.of());
    }
}
