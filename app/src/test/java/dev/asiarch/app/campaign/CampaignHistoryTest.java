package dev.asiarch.app.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.activities.store.ExperimentOutline;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.FailureReason;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CampaignHistoryTest {

    private static ExperimentOutline trained(String id, String parent, double fitness, double seconds) {
        return new ExperimentOutline(id, parent == null ? ExperimentRole.BASELINE : ExperimentRole.CANDIDATE,
                Optional.ofNullable(parent), Optional.empty(), "Net-" + id, ExperimentStatus.TRAINED, Optional.empty(),
                OptionalDouble.of(2.0), OptionalDouble.of(0.3), OptionalDouble.of(fitness), OptionalDouble.of(seconds),
                1L);
    }

    private static ExperimentOutline failed(String id, String parent, FailureReason reason) {
        return new ExperimentOutline(id, ExperimentRole.CANDIDATE, Optional.of(parent), Optional.empty(), "Bad-" + id,
                ExperimentStatus.FAILED, Optional.of(reason), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), 1L);
    }

    private final CampaignHistory history = new CampaignHistory(List.of(
            trained("e0", null, 0.5, 1800),
            trained("e1", "e0", 0.7, 1800),
            failed("e2", "e1", FailureReason.NON_CAUSAL),
            trained("e3", "e1", 0.6, 3600),
            failed("e4", "e0", FailureReason.NON_CAUSAL),
            failed("e5", "e3", FailureReason.COMPILE_ERROR)));

    @Test
    void buildsTheLineageTreeFromTheBaseline() {
        List<CampaignHistory.LineageNode> roots = history.lineage();
        assertThat(roots).singleElement().satisfies(root -> {
            assertThat(root.baseline()).isTrue();
            assertThat(root.children()).extracting(CampaignHistory.LineageNode::experimentId).containsExactly("e1", "e4");
            assertThat(root.children().get(0).children()).extracting(CampaignHistory.LineageNode::experimentId)
                    .containsExactly("e2", "e3");
        });
        assertThat(history.ancestry("e5")).extracting(ExperimentOutline::experimentId).containsExactly("e0", "e1", "e3",
                "e5");
    }

    @Test
    void aCrossoverShowsItsSecondParentInTheLineage() {
        ExperimentOutline crossover = new ExperimentOutline("e6", ExperimentRole.CANDIDATE, Optional.of("e3"),
                Optional.of("e1"), "Cross-e6", ExperimentStatus.TRAINED, Optional.empty(), OptionalDouble.of(2.0),
                OptionalDouble.of(0.3), OptionalDouble.of(0.8), OptionalDouble.of(60), 1L);
        CampaignHistory crossed = new CampaignHistory(List.of(trained("e0", null, 0.5, 1800), trained("e1", "e0", 0.7, 1800),
                trained("e3", "e1", 0.6, 3600), crossover));

        CampaignHistory.LineageNode e3 = crossed.lineage().get(0).children().get(0).children().get(0);

        assertThat(e3.children()).singleElement().satisfies(node -> {
            assertThat(node.experimentId()).isEqualTo("e6");
            assertThat(node.crossedWith()).contains(new CampaignHistory.SecondParent("e1", "Net-e1"));
        });
        assertThat(e3.crossedWith()).isEmpty();
    }

    @Test
    void tracksTheBestFitnessAgainstExperimentsAndCompute() {
        List<CampaignHistory.Progress> progress = history.progress();
        assertThat(progress).extracting(p -> p.bestFitness().getAsDouble()).containsExactly(0.5, 0.7, 0.7, 0.7, 0.7,
                0.7);
        assertThat(progress.get(2).fitness()).isEmpty();
        assertThat(progress.get(3).computeHours()).isCloseTo(2.0, Offset.offset(1e-9));
        assertThat(progress.get(5).computeHours()).isCloseTo(2.0, Offset.offset(1e-9));
    }

    @Test
    void ranksWinnersAndCountsFailuresByReason() {
        assertThat(history.winners(2)).extracting(ExperimentOutline::experimentId).containsExactly("e1", "e3");
        assertThat(history.winners(5)).extracting(ExperimentOutline::experimentId).containsExactly("e1", "e3");
        assertThat(history.failuresByReason()).containsExactly(Map.entry("NON_CAUSAL", 2L),
                Map.entry("COMPILE_ERROR", 1L));
    }
}
