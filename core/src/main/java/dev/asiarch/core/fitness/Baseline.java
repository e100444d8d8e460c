package dev.asiarch.core.fitness;

import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.TrainingMetrics;
import java.util.OptionalDouble;

/**
 * What an experiment's fitness compares it with: a validation loss and, when the profile has capability
 * benchmarks, a mean benchmark score.
 *
 * @param benchmark empty when the profile has no benchmarks, or the baseline's did not run
 */
public record Baseline(double loss, OptionalDouble benchmark) {

    public Baseline {
        benchmark = benchmark == null ? OptionalDouble.empty() : benchmark;
    }

    /**
     * The baseline an experiment is measured against: the campaign's own baseline, measured in the same
     * campaign on the same profile; the baseline experiment is measured against itself, so each of its
     * terms is 0.5.
     */
    public static Baseline forExperiment(ExperimentRole role, OptionalDouble campaignLoss,
                                         OptionalDouble campaignBenchmark, TrainingMetrics metrics) {
        if (role == ExperimentRole.BASELINE) {
            return new Baseline(metrics.validationLoss(), metrics.benchmarkScore());
        }
        return new Baseline(campaignLoss.orElse(metrics.validationLoss()), campaignBenchmark);
    }
}
