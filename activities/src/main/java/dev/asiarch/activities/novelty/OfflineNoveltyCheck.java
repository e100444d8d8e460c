package dev.asiarch.activities.novelty;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.workflows.activities.NoveltyActivities;
import dev.asiarch.workflows.activities.NoveltyRequest;
import dev.asiarch.workflows.activities.NoveltyVerdict;
import java.util.List;
import java.util.Optional;

/**
 * The novelty check without an LLM, and the first test of the LLM one: a proposal is a duplicate only
 * when its source, ignoring whitespace, is one an earlier experiment of the campaign already ran. The
 * rule is deliberately narrow: it never calls two different programs the same.
 */
public final class OfflineNoveltyCheck implements NoveltyActivities {

    public static final String NAME = "offline (identical source)";

    private final ExperimentStore store;

    public OfflineNoveltyCheck(ExperimentStore store) {
        this.store = store;
    }

    @Override
    public NoveltyVerdict check(NoveltyRequest request) {
        return sameSource(earlier(store, request), request.source())
                .map(twin -> NoveltyVerdict.duplicateOf(twin.experimentId(), NAME, "its source is the source of "
                        + twin.name() + ", character for character apart from whitespace", List.of()))
                .orElseGet(() -> NoveltyVerdict.novel(NAME, "no earlier experiment has this source", List.of()));
    }

    static List<ExperimentRecord> earlier(ExperimentStore store, NoveltyRequest request) {
        return store.campaignExperiments(request.campaignId()).stream()
                .filter(record -> !record.experimentId().equals(request.experimentId()))
                .toList();
    }

    static Optional<ExperimentRecord> sameSource(List<ExperimentRecord> past, String source) {
        String normalized = source.replaceAll("\\s+", "");
        return past.stream().filter(record -> record.source().replaceAll("\\s+", "").equals(normalized)).findFirst();
    }
}
