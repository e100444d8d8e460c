package dev.asiarch.workflows.activities;

import dev.asiarch.core.experiment.Diagnostic;
import dev.asiarch.core.experiment.FailureReason;
import java.util.Optional;

/**
 * The verdict of compiling and checking a candidate.
 *
 * @param diagnostic what failed and where, precise enough to repair from; empty when it passed
 * @param parameters parameters of the whole language model built around the mixer (0 if unknown)
 * @param measured   what the checks measured on a passing candidate (its complexity exponents and
 *                   times), for the record and for whoever wonders how close it came; empty otherwise
 */
public record CheckReport(boolean passed, Optional<FailureReason> failure, String diagnostic, long parameters,
                          String measured) {

    public CheckReport {
        diagnostic = Diagnostic.bounded(diagnostic);
        measured = measured == null ? "" : Diagnostic.bounded(measured);
    }

    public static CheckReport pass(long parameters, String measured) {
        return new CheckReport(true, Optional.empty(), "", parameters, measured);
    }

    public static CheckReport pass(long parameters) {
        return pass(parameters, "");
    }

    public static CheckReport fail(FailureReason reason, String diagnostic) {
        return new CheckReport(false, Optional.of(reason), diagnostic, 0, "");
    }
}
