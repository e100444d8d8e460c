package dev.asiarch.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.asiarch.core.experiment.Diagnostic;
import dev.asiarch.core.experiment.FailureReason;

/**
 * The verdict of compiling and checking a candidate: it passed, with what the checks measured, or it
 * failed, with the reason and a diagnostic precise enough to repair from.
 *
 * <p>On the wire (Temporal payloads, the sandbox's result file) a verdict is one JSON object whose
 * {@code passed} field says which it is, as it always was, so histories of running experiments still read.
 */
public sealed interface CheckReport {

    /**
     * @param parameters parameters of the whole language model built around the mixer (0 if unknown)
     * @param measured   what the checks measured (complexity exponents and times), for the record and for
     *                   whoever wonders how close it came
     */
    record Passed(long parameters, String measured) implements CheckReport {

        public Passed {
            measured = measured == null ? "" : Diagnostic.bounded(measured);
        }

        @Override
        public boolean passed() {
            return true;
        }
    }

    /** @param failure which check failed, as a category the Engineer and the record understand */
    record Failed(FailureReason failure, String diagnostic) implements CheckReport {

        public Failed {
            if (failure == null) {
                throw new IllegalArgumentException("a failed check needs a reason");
            }
            diagnostic = Diagnostic.bounded(diagnostic);
        }

        @Override
        public boolean passed() {
            return false;
        }
    }

    /** Which of the two this is, as the wire says it. */
    @JsonProperty("passed")
    boolean passed();

    static Passed pass(long parameters, String measured) {
        return new Passed(parameters, measured);
    }

    static Passed pass(long parameters) {
        return new Passed(parameters, "");
    }

    static Failed fail(FailureReason reason, String diagnostic) {
        return new Failed(reason, diagnostic);
    }

    /** Reads the wire's one object, whichever verdict it holds. */
    @JsonCreator
    static CheckReport fromJson(@JsonProperty("passed") boolean passed, @JsonProperty("failure") FailureReason failure,
                                @JsonProperty("diagnostic") String diagnostic,
                                @JsonProperty("parameters") long parameters, @JsonProperty("measured") String measured) {
        return passed ? new Passed(parameters, measured) : new Failed(failure, diagnostic);
    }
}
