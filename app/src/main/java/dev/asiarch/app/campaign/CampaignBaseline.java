package dev.asiarch.app.campaign;

import dev.asiarch.activities.store.ExperimentOutline;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.fitness.Baseline;
import dev.asiarch.core.fitness.NoiseFloor;
import dev.asiarch.core.pool.CandidateFilter;
import dev.asiarch.core.pool.PoolVerdict;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A campaign's trained baseline as the candidate filter's yardstick: every view that shows a trained
 * candidate's results asks it whether the filter kept that candidate out of the pool, and above all
 * whether it is a suspected leak, which is never shown as the campaign's best.
 */
public record CampaignBaseline(double validationLoss, OptionalDouble benchmarkScore) {

    /** From the baseline's own scores; empty while it has no validation loss (not trained yet, or failed). */
    public static Optional<CampaignBaseline> of(OptionalDouble validationLoss, OptionalDouble benchmarkScore) {
        return validationLoss.isPresent()
                ? Optional.of(new CampaignBaseline(validationLoss.getAsDouble(), benchmarkScore))
                : Optional.empty();
    }

    /** What fitness compares every candidate with. */
    public Baseline reference() {
        return new Baseline(validationLoss, benchmarkScore);
    }

    /** The trained baseline among a campaign's recorded experiments. */
    public static Optional<CampaignBaseline> recorded(List<ExperimentOutline> experiments) {
        return experiments.stream()
                .filter(e -> e.role() == ExperimentRole.BASELINE && e.status() == ExperimentStatus.TRAINED)
                .findFirst()
                .flatMap(e -> of(e.validationLoss(), e.benchmarkScore()));
    }

    /** The filter's verdict on a trained candidate; empty for the baseline and for what did not train. */
    public Optional<PoolVerdict> verdict(ExperimentRole role, ExperimentStatus status, OptionalDouble validationLoss,
                                         OptionalDouble benchmark) {
        if (role != ExperimentRole.CANDIDATE || status != ExperimentStatus.TRAINED || validationLoss.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CandidateFilter.verdict(this.validationLoss, validationLoss.getAsDouble(), benchmarkScore,
                benchmark));
    }

    /** Why the filter keeps this experiment out of the pool, when it is a trained candidate that it keeps out. */
    public Optional<String> keptOut(ExperimentRole role, ExperimentStatus status, OptionalDouble validationLoss,
                                    OptionalDouble benchmark) {
        return verdict(role, status, validationLoss, benchmark).filter(v -> !v.admitted()).map(PoolVerdict::reason);
    }

    /**
     * Where a trained candidate stands against the campaign's noise floor; empty for the baseline, for
     * what did not train, and when the campaign has no floor.
     */
    public Optional<NoiseFloor.Standing> standing(Optional<NoiseFloor> noise, ExperimentRole role,
                                                  ExperimentStatus status, OptionalDouble validationLoss,
                                                  OptionalDouble benchmark, OptionalDouble fitness) {
        if (noise.isEmpty() || role != ExperimentRole.CANDIDATE || status != ExperimentStatus.TRAINED
                || validationLoss.isEmpty() || fitness.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(noise.get().standing(reference(), validationLoss.getAsDouble(), benchmark,
                fitness.getAsDouble()));
    }

    public boolean suspectsLeak(ExperimentRole role, ExperimentStatus status, OptionalDouble validationLoss) {
        return verdict(role, status, validationLoss, OptionalDouble.empty()).filter(PoolVerdict::suspectedLeak)
                .isPresent();
    }
}
