package dev.asiarch.core.experiment;

import java.util.Optional;

/**
 * One source an experiment checked: the researcher's first, then each repair. A failed attempt's
 * diagnostic is what the Engineer was sent when {@code sentForRepair} is true.
 *
 * @param round         0 for the proposal, 1.. for repairs
 * @param author        who wrote this source: the researcher, or the Engineer's model id
 * @param sentForRepair whether this attempt's diagnostic went to the Engineer
 */
public record ImplementationAttempt(int round, String author, String source, boolean passed,
                                    Optional<FailureReason> failure, String diagnostic, boolean sentForRepair) {

    public ImplementationAttempt {
        if (passed == failure.isPresent()) {
            throw new IllegalArgumentException("attempt " + round + ": a failed attempt needs a reason, a passed one none");
        }
        diagnostic = Diagnostic.bounded(diagnostic);
    }

    public ImplementationAttempt markSentForRepair() {
        return new ImplementationAttempt(round, author, source, passed, failure, diagnostic, true);
    }
}
