package dev.asiarch.core.experiment;

import java.util.List;

/**
 * What a screening run measured.
 *
 * @param validationLoss  mean next-byte cross-entropy (nats) on held-out text
 * @param finalTrainLoss  mean training loss over the last tenth of the steps
 * @param trainLossCurve  training loss averaged over consecutive windows of {@code curveEvery} steps
 * @param curveEvery      steps per point of the curve
 * @param tokensPerSecond training throughput
 * @param parameters      parameters of the whole language model
 * @param trainSeconds    wall time of the optimisation loop
 */
public record TrainingMetrics(
        double validationLoss,
        double finalTrainLoss,
        List<Double> trainLossCurve,
        int curveEvery,
        double tokensPerSecond,
        long parameters,
        double trainSeconds) {

    public TrainingMetrics {
        trainLossCurve = List.copyOf(trainLossCurve);
    }
}
