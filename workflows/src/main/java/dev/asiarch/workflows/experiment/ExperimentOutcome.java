package dev.asiarch.workflows.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.FailureReason;
import java.util.OptionalDouble;

/**
 * What the campaign needs to know of a finished experiment: it trained, with its loss, benchmark score
 * and fitness, or it failed, with the reason; either way what it cost.
 *
 * <p>On the wire (a child workflow's result, the campaign's progress query) an outcome is one JSON object
 * whose {@code status} says which it is, as it always was, so histories of running campaigns still read.
 */
public sealed interface ExperimentOutcome {

    /**
     * @param benchmarkScore the mean capability accuracy, when the profile has benchmarks
     * @param screenSeconds  wall time of its candidate activities (checks and training): the GPU time it took
     */
    record Trained(String experimentId, String name, double validationLoss, OptionalDouble benchmarkScore,
                   double fitness, double llmCostUsd, double screenSeconds) implements ExperimentOutcome {

        public Trained {
            benchmarkScore = benchmarkScore == null ? OptionalDouble.empty() : benchmarkScore;
        }

        @Override
        public ExperimentStatus status() {
            return ExperimentStatus.TRAINED;
        }
    }

    record Failed(String experimentId, String name, FailureReason failure, double llmCostUsd, double screenSeconds)
            implements ExperimentOutcome {

        public Failed {
            if (failure == null) {
                throw new IllegalArgumentException("a failed experiment needs a reason");
            }
        }

        @Override
        public ExperimentStatus status() {
            return ExperimentStatus.FAILED;
        }
    }

    String experimentId();

    String name();

    double llmCostUsd();

    double screenSeconds();

    /** Which of the two this is, as the wire says it. */
    @JsonProperty("status")
    ExperimentStatus status();

    /** Reads the wire's one object, whichever outcome it holds; a failure without a reason is a crash. */
    @JsonCreator
    static ExperimentOutcome fromJson(@JsonProperty("experimentId") String experimentId,
                                      @JsonProperty("name") String name,
                                      @JsonProperty("status") ExperimentStatus status,
                                      @JsonProperty("failure") FailureReason failure,
                                      @JsonProperty("validationLoss") OptionalDouble validationLoss,
                                      @JsonProperty("benchmarkScore") OptionalDouble benchmarkScore,
                                      @JsonProperty("fitness") OptionalDouble fitness,
                                      @JsonProperty("llmCostUsd") double llmCostUsd,
                                      @JsonProperty("screenSeconds") double screenSeconds) {
        if (status == ExperimentStatus.TRAINED && validationLoss != null && validationLoss.isPresent()
                && fitness != null && fitness.isPresent()) {
            return new Trained(experimentId, name, validationLoss.getAsDouble(), benchmarkScore,
                    fitness.getAsDouble(), llmCostUsd, screenSeconds);
        }
        return new Failed(experimentId, name, failure == null ? FailureReason.CRASHED : failure, llmCostUsd,
                screenSeconds);
    }
}
