package dev.asiarch.activities.analyst;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.workflows.activities.AnalysisRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The experiments an analysis compares with, as ASI-Arch chose them: the parent, the grandparent,
 * and up to two trained siblings (other children of the same parent, the latest first).
 */
record Lineage(Optional<ExperimentRecord> parent, Optional<ExperimentRecord> grandparent,
               List<ExperimentRecord> siblings) {

    static final int SIBLINGS = 2;

    static Lineage of(ExperimentStore store, AnalysisRequest request) {
        Optional<ExperimentRecord> parent = request.parentId().flatMap(store::find);
        Optional<ExperimentRecord> grandparent = parent.flatMap(ExperimentRecord::parentId).flatMap(store::find);
        List<ExperimentRecord> siblings = request.parentId().isEmpty() ? List.of()
                : store.campaignExperiments(request.campaignId()).stream()
                .filter(record -> record.parentId().equals(request.parentId()))
                .filter(record -> !record.experimentId().equals(request.experimentId()))
                .filter(record -> record.status() == ExperimentStatus.TRAINED)
                .sorted(Comparator.comparing(ExperimentRecord::experimentId).reversed())
                .limit(SIBLINGS)
                .toList();
        return new Lineage(parent, grandparent, siblings);
    }

    /** One line of measured results. */
    static String results(TrainingMetrics m) {
        return String.format(Locale.ROOT, "validation loss %.4f, %s, %d parameters, %.0f tokens/s",
                m.validationLoss(), benchmarks(m.benchmarks()), m.parameters(), m.tokensPerSecond());
    }

    private static String benchmarks(Map<String, Double> accuracies) {
        return accuracies.isEmpty() ? "no benchmarks" : accuracies.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** Measured differences of {@code m} from {@code other}, by measure. */
    static String deltas(TrainingMetrics m, TrainingMetrics other) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "validation loss %+.4f (%+.1f%%), parameters %+d, tokens/s %+.0f%%",
                m.validationLoss() - other.validationLoss(),
                100 * (m.validationLoss() - other.validationLoss()) / other.validationLoss(),
                m.parameters() - other.parameters(),
                100 * (m.tokensPerSecond() - other.tokensPerSecond()) / other.tokensPerSecond()));
        m.benchmarks().keySet().stream().sorted().filter(other.benchmarks()::containsKey).forEach(task ->
                text.append(String.format(Locale.ROOT, ", %s %+.3f", task,
                        m.benchmarks().get(task) - other.benchmarks().get(task))));
        return text.toString();
    }
}
