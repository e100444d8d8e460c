package dev.asiarch.activities.judge;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.JudgeScores;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.fitness.Fitness;
import dev.asiarch.workflows.activities.JudgeActivities;
import dev.asiarch.workflows.activities.JudgeAnswer;
import dev.asiarch.workflows.activities.JudgeRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Locale;

/**
 * The Judge without an LLM: grades computed from what was measured, against the campaign's baseline.
 * <ul>
 *   <li>performance = 1 + 9 x the mean of fitness's loss term and (when there are benchmarks) its
 *   benchmark term: 5.5 for the baseline's results, 10 for 10% better on both;</li>
 *   <li>complexity = 1 + 9 x min(1, e / 2), with efficiency e = (tokens/s over the baseline's) x
 *   (the baseline's parameters over its own): 5.5 as efficient as the baseline, 10 twice as;</li>
 *   <li>innovation = 5.5: a rule cannot grade an idea, so it says nothing either way.</li>
 * </ul>
 * Its scores are kept for reading and never enter the fitness, which has the measured terms already.
 */
public final class OfflineJudge implements JudgeActivities {

    public static final String NAME = "offline (measured)";

    private final ExperimentStore store;

    public OfflineJudge(ExperimentStore store) {
        this.store = store;
    }

    @Override
    public JudgeAnswer judge(JudgeRequest request) {
        return new JudgeAnswer(scores(request.metrics(), baseline(store, request.campaignId())), List.of());
    }

    static TrainingMetrics baseline(ExperimentStore store, String campaignId) {
        return store.campaignExperiments(campaignId).stream()
                .filter(record -> record.role() == ExperimentRole.BASELINE)
                .map(ExperimentRecord::metrics)
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("campaign " + campaignId
                        + " has no trained baseline to judge against", "NoBaseline"));
    }

    static JudgeScores scores(TrainingMetrics metrics, TrainingMetrics baseline) {
        double loss = Fitness.lossTerm(baseline.validationLoss(), metrics.validationLoss());
        boolean benchmarks = metrics.benchmarkScore().isPresent() && baseline.benchmarkScore().isPresent();
        double performance = 1 + 9 * (benchmarks
                ? (loss + Fitness.benchmarkTerm(baseline.benchmarkScore().getAsDouble(),
                        metrics.benchmarkScore().getAsDouble())) / 2
                : loss);
        double efficiency = (metrics.tokensPerSecond() / baseline.tokensPerSecond())
                * ((double) baseline.parameters() / metrics.parameters());
        double complexity = 1 + 9 * Math.min(1, Math.max(0, efficiency / 2));
        String rationale = String.format(Locale.ROOT, "Measured against the baseline: validation loss %.4f vs %.4f, "
                        + "benchmark mean %s vs %s, %.0f vs %.0f tokens/s, %d vs %d parameters (efficiency %.2f). "
                        + "Innovation is not graded offline.", metrics.validationLoss(), baseline.validationLoss(),
                format(metrics), format(baseline), metrics.tokensPerSecond(), baseline.tokensPerSecond(),
                metrics.parameters(), baseline.parameters(), efficiency);
        return new JudgeScores(performance, 5.5, complexity, rationale, NAME, false);
    }

    private static String format(TrainingMetrics metrics) {
        return metrics.benchmarkScore().isPresent()
                ? String.format(Locale.ROOT, "%.3f", metrics.benchmarkScore().getAsDouble()) : "-";
    }
}
