package dev.asiarch.app.study;

import dev.asiarch.activities.store.CampaignRow;
import dev.asiarch.activities.store.ExperimentOutline;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.store.ValidationSpread;
import dev.asiarch.app.campaign.CampaignBaseline;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.fitness.Fitness;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.fitness.NoiseFloor;
import dev.asiarch.core.pool.PoolVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One campaign of a study as its curves: after each experiment, the best fitness and the best validation
 * loss so far (the baseline's to begin with; suspected leaks never count), the first candidate beyond the
 * baseline's noise, and how many of its validated candidates validation confirmed.
 *
 * @param bestFitness       after experiment i (index i - 1), the best fitness of the campaign so far
 * @param bestLoss          likewise, the lowest validation loss
 * @param firstBeyondNoise  the first experiment whose fitness lies beyond the noise floor on the better side
 * @param validated         candidates validation screened again
 * @param confirmed         of those, the ones that beat the baseline there
 */
public record CampaignCurve(String campaignId, String strategy, long seed, double baselineLoss,
                            Optional<NoiseFloor> noise, List<Double> bestFitness, List<Double> bestLoss,
                            OptionalInt firstBeyondNoise, int validated, int confirmed, List<Row> rows) {

    /** One experiment of the campaign, as the study's CSV lists it. */
    public record Row(int index, ExperimentOutline experiment, Optional<PoolVerdict> verdict,
                      Optional<NoiseFloor.Standing> standing, double bestFitness, double bestLoss,
                      Optional<ValidationSpread> validation) {
    }

    /** The campaign's curve from the store; empty when its baseline did not train. */
    public static Optional<CampaignCurve> of(ExperimentStore store, CampaignRow campaign) {
        List<ExperimentOutline> outlines = store.campaignOutlines(campaign.id());
        Optional<CampaignBaseline> baseline = CampaignBaseline.recorded(outlines);
        if (baseline.isEmpty()) {
            return Optional.empty();
        }
        Optional<NoiseFloor> noise = store.noiseFloor(campaign.id());
        Map<String, ValidationSpread> validations = store.validations(campaign.id()).stream()
                .collect(Collectors.toMap(ValidationSpread::experimentId, Function.identity(), (a, b) -> b));
        double bestFitness = 0.5;
        double bestLoss = baseline.get().validationLoss();
        OptionalInt firstBeyond = OptionalInt.empty();
        List<Double> fitnessCurve = new ArrayList<>();
        List<Double> lossCurve = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        int index = 0;
        for (ExperimentOutline e : outlines) {
            Optional<PoolVerdict> verdict = baseline.get().verdict(e.role(), e.status(), e.validationLoss(),
                    e.benchmarkScore());
            boolean counts = e.role() == ExperimentRole.CANDIDATE && e.status() == ExperimentStatus.TRAINED
                    && verdict.map(v -> !v.suspectedLeak()).orElse(false);
            Optional<NoiseFloor.Standing> standing = counts ? baseline.get().standing(noise, e.role(), e.status(),
                    e.validationLoss(), e.benchmarkScore(), e.fitness()) : Optional.empty();
            if (counts) {
                bestFitness = Math.max(bestFitness, e.fitness().orElse(0));
                bestLoss = Math.min(bestLoss, e.validationLoss().getAsDouble());
                if (firstBeyond.isEmpty() && standing.filter(NoiseFloor.Standing::beyondNoise).isPresent()) {
                    firstBeyond = OptionalInt.of(index);
                }
            }
            if (e.role() == ExperimentRole.CANDIDATE) {
                fitnessCurve.add(bestFitness);
                lossCurve.add(bestLoss);
            }
            rows.add(new Row(index, e, verdict, standing, bestFitness, bestLoss,
                    Optional.ofNullable(validations.get(e.experimentId()))));
            index++;
        }
        int validated = (int) validations.values().stream().filter(v -> !v.experimentId().endsWith("-e000")).count();
        int confirmed = (int) validations.values().stream().filter(ValidationSpread::beatsBaseline).count();
        return Optional.of(new CampaignCurve(campaign.id(), campaign.strategy(), campaign.seed(),
                baseline.get().validationLoss(), noise, fitnessCurve, lossCurve, firstBeyond, validated, confirmed,
                rows));
    }

    /** The area under the best-fitness curve, as its mean over the experiments: 0.5 when nothing beat the baseline. */
    public double fitnessArea() {
        return bestFitness.stream().mapToDouble(Double::doubleValue).average().orElse(Fitness.BASELINE);
    }

    /** The mean relative gain of the best loss over the baseline's along the campaign, in percent. */
    public double lossGainArea() {
        return bestLoss.stream().mapToDouble(l -> 100 * (baselineLoss - l) / baselineLoss).average().orElse(0);
    }

    public double finalFitness() {
        return bestFitness.isEmpty() ? 0.5 : bestFitness.get(bestFitness.size() - 1);
    }

    public double finalLoss() {
        return bestLoss.isEmpty() ? baselineLoss : bestLoss.get(bestLoss.size() - 1);
    }

    /** Parents beyond the baseline: how far the campaign evolved. */
    public long parentsBeyondBaseline() {
        String baselineId = campaignId + "-e000";
        return rows.stream().map(r -> r.experiment().parentId()).flatMap(Optional::stream)
                .filter(parent -> !parent.equals(baselineId)).count();
    }
}
