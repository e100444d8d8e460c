package dev.asiarch.activities.analyst;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.workflows.activities.AnalysisAnswer;
import dev.asiarch.workflows.activities.AnalysisRequest;
import dev.asiarch.workflows.activities.AnalystActivities;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Analyst without an LLM: it reports what was measured against the parent, the grandparent and
 * up to two siblings, and says plainly which sections a rule cannot write.
 */
public final class OfflineAnalyst implements AnalystActivities {

    public static final String NAME = "offline (measured deltas)";

    private final ExperimentStore store;

    public OfflineAnalyst(ExperimentStore store) {
        this.store = store;
    }

    @Override
    public AnalysisAnswer analyse(AnalysisRequest request) {
        Lineage lineage = Lineage.of(store, request);
        TrainingMetrics m = request.metrics();
        String design = request.name() + lineage.parent().map(p -> " evolves " + p.name()).orElse(" has no parent")
                + ". Its motivation: " + request.motivation().strip();
        String results = "Measured: " + Lineage.results(m) + "."
                + lineage.parent().flatMap(p -> p.metrics().map(pm -> " Against the parent " + p.name() + ": "
                        + Lineage.deltas(m, pm) + ".")).orElse("")
                + lineage.grandparent().flatMap(g -> g.metrics().map(gm -> " Against the grandparent " + g.name()
                        + ": " + Lineage.deltas(m, gm) + ".")).orElse("")
                + " In words: " + Lineage.observations(m, lineage.parent().flatMap(p -> p.metrics())) + ".";
        String siblings = lineage.siblings().isEmpty() ? "No trained sibling to compare with."
                : lineage.siblings().stream()
                .map(s -> "Against sibling " + s.name() + ": " + Lineage.deltas(m, s.metrics().orElseThrow()) + ".")
                .collect(Collectors.joining(" "));
        return new AnalysisAnswer(new Analysis(design, results,
                "The offline analyst does not read expectations from a motivation; the measured change is above.",
                "Not written offline: a rule cannot explain why a design works.", siblings, NAME), List.of());
    }
}
