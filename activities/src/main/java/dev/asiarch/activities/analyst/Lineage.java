package dev.asiarch.activities.analyst;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.workflows.activities.AnalysisRequest;
import java.util.ArrayList;
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

    // Thresholds of the observations in words: accuracies below/above, a change in accuracy, a relative
    // change in validation loss, and a relative change in speed or size that is worth a word.
    static final double NEAR_CHANCE = 0.1;
    static final double SOLVED = 0.9;
    static final double MOVED = 0.05;
    static final double LOSS_MOVED = 0.005;
    static final double SLOWER = 0.2;

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

    /**
     * The measured results in words, against {@code parent} when there is one: which tasks are near
     * chance or solved and which moved. The offline analyst's words for what a model would say, so that
     * its results analysis finds the cognition entries whose trigger patterns describe the same thing.
     */
    static String observations(TrainingMetrics m, Optional<TrainingMetrics> parent) {
        List<String> seen = new ArrayList<>();
        m.benchmarks().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(task -> {
            String name = task.getKey().replaceAll("-\\d+(x\\d+)?$", "");
            if (task.getValue() < NEAR_CHANCE) {
                seen.add(name + " accuracy near chance");
            } else if (task.getValue() >= SOLVED) {
                seen.add(name + " solved");
            }
            parent.map(p -> p.benchmarks().get(task.getKey())).ifPresent(before -> {
                double change = task.getValue() - before;
                if (Math.abs(change) >= MOVED) {
                    seen.add(name + " accuracy " + (change > 0 ? "rose" : "fell") + " against the parent");
                }
            });
        });
        parent.ifPresent(p -> {
            double relative = (m.validationLoss() - p.validationLoss()) / p.validationLoss();
            if (Math.abs(relative) >= LOSS_MOVED) {
                seen.add("validation loss " + (relative < 0 ? "better" : "worse") + " than the parent");
            }
            if (m.tokensPerSecond() < (1 - SLOWER) * p.tokensPerSecond()) {
                seen.add("slower than the parent in tokens/s");
            }
            if (m.parameters() > (1 + SLOWER) * p.parameters()) {
                seen.add("more parameters than the parent");
            }
        });
        return seen.isEmpty() ? "no task near chance or solved, nothing moved beyond noise"
                : String.join("; ", seen);
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
