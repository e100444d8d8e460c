package dev.asiarch.core.experiment;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

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
 * @param benchmarks      accuracy per capability benchmark, by label (e.g. {@code mqar-128x32})
 */
public record TrainingMetrics(
        double validationLoss,
        double finalTrainLoss,
        List<Double> trainLossCurve,
        int curveEvery,
        double tokensPerSecond,
        long parameters,
        double trainSeconds,
        Map<String, Double> benchmarks) {

    public TrainingMetrics {
        trainLossCurve = List.copyOf(trainLossCurve);
        benchmarks = Collections.unmodifiableMap(new TreeMap<>(benchmarks));
    }

    /** Mean accuracy over the capability benchmarks: the benchmark term's input. */
    public OptionalDouble benchmarkScore() {
        return benchmarks.values().stream().mapToDouble(Double::doubleValue).average();
    }
}
