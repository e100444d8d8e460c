package dev.asiarch.app.campaign;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.experiment.ImplementationAttempt;
import dev.asiarch.core.experiment.JudgeScores;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.fitness.Fitness;
import dev.asiarch.kernels.programs.Gallery;
import dev.asiarch.core.program.SeedPrograms;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A finished campaign as the store holds it after a candidate leaked: the baseline at validation loss
 * 2.43, a plausible candidate a little better, a leak at 1.28 (whose fitness is the campaign's highest,
 * as the loss term saturates), one 19% worse than the baseline, and a failure. Fitness is computed as
 * the campaign computes it.
 */
public final class LeakingCampaign {

    public static final double BASELINE_LOSS = 2.43;
    public static final double BASELINE_BENCHMARK = 0.224;

    /** The ids of its experiments. */
    public record Ids(String campaign, String baseline, String plausible, String leak, String worse, String failed) {
    }

    private LeakingCampaign() {
    }

    /** Records it under {@code campaignId}; recording it again changes nothing. */
    public static Ids record(ExperimentStore store, String campaignId) {
        Ids ids = new Ids(campaignId, campaignId + "-e000", campaignId + "-e001", campaignId + "-e002",
                campaignId + "-e003", campaignId + "-e004");
        store.openCampaign(campaignId, "cpu-smoke", 4, 1, 1_700_000_000_000L);
        store.record(trained(ids.baseline(), ExperimentRole.BASELINE, SeedPrograms.DELTA_NET, BASELINE_LOSS,
                BASELINE_BENCHMARK));
        store.record(trained(ids.plausible(), ExperimentRole.CANDIDATE, "SteadyGate", 2.35, 0.231));
        store.record(trained(ids.leak(), ExperimentRole.CANDIDATE, "PeekAhead", 1.28, 0.41));
        store.record(trained(ids.worse(), ExperimentRole.CANDIDATE, "TooSlow", 2.90, 0.22));
        store.record(new ExperimentRecord(ids.failed(), campaignId, ExperimentRole.CANDIDATE,
                Optional.of(ids.baseline()), Optional.empty(), List.of(), "Reader", "reads the future", Optional.empty(), "src",
                "offline-mutation", ExperimentStatus.FAILED, Optional.of(FailureReason.NON_CAUSAL),
                "output at position 0 changed", List.of(new ImplementationAttempt(0, "offline-mutation", "src", Optional.of(FailureReason.NON_CAUSAL), "output at position 0 changed", false)),
                List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalDouble.empty(),
                "campaigns/" + campaignId + "/experiments/" + ids.failed() + "/", 1_700_000_005_000L));
        store.closeCampaign(campaignId, "FINISHED", 1_700_000_600_000L);
        return ids;
    }

    static ExperimentRecord trained(String id, ExperimentRole role, String name, double loss, double benchmark) {
        boolean baseline = role == ExperimentRole.BASELINE;
        String campaignId = id.substring(0, id.lastIndexOf('-'));
        double fitness = Fitness.score(BASELINE_LOSS, loss,
                OptionalDouble.of(Fitness.benchmarkTerm(BASELINE_BENCHMARK, benchmark)), OptionalDouble.empty()).value();
        String source = baseline ? SeedPrograms.source(SeedPrograms.DELTA_NET) : Gallery.source("LinearAttention");
        return new ExperimentRecord(id, campaignId, role, baseline ? Optional.empty() : Optional.of(campaignId + "-e000"),
                Optional.empty(), List.of(), name, "why " + name, Optional.empty(), source, baseline ? "seed" : "offline-mutation",
                ExperimentStatus.TRAINED, Optional.empty(), "",
                List.of(new ImplementationAttempt(0, "offline-mutation", source, Optional.empty(), "", false)),
                List.of(), List.of(),
                Optional.of(new TrainingMetrics(loss, loss + 0.05, List.of(loss + 1.0, loss + 0.5, loss + 0.1), 10,
                        12_000, 90_000, 20.0, Map.of("mqar-64x8", benchmark))),
                baseline ? Optional.empty() : Optional.of(new JudgeScores(5, 5, 7, "judged " + name, "offline", false)),
                baseline ? Optional.empty() : Optional.of(new Analysis("design of " + name, "results of " + name,
                        "expected", "theory", "synthesis of " + name, "offline")),
                OptionalDouble.of(fitness), "campaigns/" + campaignId + "/experiments/" + id + "/",
                1_700_000_000_000L + Long.parseLong(id.substring(id.length() - 3)) * 1000);
    }
}
