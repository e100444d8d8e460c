package dev.asiarch.core.experiment;

import java.util.Optional;

/**
 * One source an experiment checked: the researcher's first, then each repair. An attempt passed when it
 * has no failure; a failed attempt's diagnostic is what the Engineer was sent when {@code sentForRepair}
 * is true.
 *
 * @param round         0 for the proposal, 1.. for repairs
 * @param author        who wrote this source: the researcher, or the Engineer's model id
 * @param failure       the check that failed, empty when every check passed
 * @param sentForRepair whether this attempt's diagnostic went to the Engineer
 */
public record ImplementationAttempt(int round, String author, String source, Optional<FailureReason> failure,
                                    String diagnostic, boolean sentForRepair) {

    public ImplementationAttempt {
        failure = failure == null ? Optional.empty() : failure;
        diagnostic = Diagnostic.bounded(diagnostic);
    }

    public static ImplementationAttempt passed(int round, String author, String source) {
        return new ImplementationAttempt(round, author, source, Optional.empty(), "", false);
    }

    public static ImplementationAttempt failed(int round, String author, String source, FailureReason reason,
                                               String diagnostic) {
        return new ImplementationAttempt(round, author, source, Optional.of(reason), diagnostic, false);
    }

    public boolean passed() {
        return failure.isEmpty();
    }

    public ImplementationAttempt markSentForRepair() {
        return new ImplementationAttempt(round, author, source, failure, diagnostic, true);
    }
}
