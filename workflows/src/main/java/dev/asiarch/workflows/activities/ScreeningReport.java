package dev.asiarch.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.asiarch.core.experiment.Diagnostic;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.experiment.TrainingMetrics;
import java.util.Optional;

/**
 * The outcome of a screening run: the candidate trained, with its metrics, or it failed, with the reason.
 *
 * <p>On the wire a report is one JSON object whose {@code trained} field says which it is, as it always was.
 */
public sealed interface ScreeningReport {

    record Trained(TrainingMetrics metrics) implements ScreeningReport {

        public Trained {
            if (metrics == null) {
                throw new IllegalArgumentException("a trained candidate needs its metrics");
            }
        }

        @Override
        public boolean trained() {
            return true;
        }
    }

    record Failed(FailureReason failure, String diagnostic) implements ScreeningReport {

        public Failed {
            if (failure == null) {
                throw new IllegalArgumentException("a failed screening needs a reason");
            }
            diagnostic = Diagnostic.bounded(diagnostic);
        }

        @Override
        public boolean trained() {
            return false;
        }
    }

    /** Which of the two this is, as the wire says it. */
    @JsonProperty("trained")
    boolean trained();

    /** The metrics of a run that trained, none of one that failed: for readers that tabulate runs. */
    default Optional<TrainingMetrics> trainedMetrics() {
        return this instanceof Trained trained ? Optional.of(trained.metrics()) : Optional.empty();
    }

    static Trained trained(TrainingMetrics metrics) {
        return new Trained(metrics);
    }

    static Failed failed(FailureReason reason, String diagnostic) {
        return new Failed(reason, diagnostic);
    }

    /** Reads the wire's one object, whichever outcome it holds; a failure without a reason is a crash. */
    @JsonCreator
    static ScreeningReport fromJson(@JsonProperty("trained") boolean trained,
                                    @JsonProperty("metrics") TrainingMetrics metrics,
                                    @JsonProperty("failure") FailureReason failure,
                                    @JsonProperty("diagnostic") String diagnostic) {
        return trained ? new Trained(metrics) : new Failed(failure == null ? FailureReason.CRASHED : failure, diagnostic);
    }
}
