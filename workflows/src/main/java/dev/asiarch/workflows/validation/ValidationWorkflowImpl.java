package dev.asiarch.workflows.validation;

import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.fitness.Baseline;
import dev.asiarch.core.fitness.Fitness;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.core.validation.Significance;
import dev.asiarch.core.validation.ValidationResult;
import dev.asiarch.workflows.Stubs;
import dev.asiarch.workflows.activities.CandidateActivities;
import dev.asiarch.workflows.activities.CheckReport;
import dev.asiarch.workflows.activities.ImplementRequest;
import dev.asiarch.workflows.activities.ScreenRequest;
import dev.asiarch.workflows.activities.ScreeningReport;
import dev.asiarch.workflows.activities.StoreActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks each design on the validation profile (its parameter budget may differ), then screens it once
 * per seed; every screening is scheduled at once and the GPU workers take them as they can. Runs are
 * named {@code <experiment>-val-s<seed>}, so their artifacts sit beside the experiment's own.
 */
public class ValidationWorkflowImpl implements ValidationWorkflow {

    private final StoreActivities store = Stubs.store();

    @Override
    public List<ValidationResult> run(ValidationRequest request) {
        ScreeningProfile profile = ScreeningProfiles.byName(request.profile());
        CandidateActivities candidates = Stubs.candidates(profile);
        List<String> designs = new ArrayList<>(List.of(request.baselineId()));
        designs.addAll(request.candidates());
        Map<String, Runs> runs = new LinkedHashMap<>();
        for (String design : designs) {
            runs.put(design, start(request, design, candidates, profile));
        }
        Measured baseline = runs.get(request.baselineId()).measured(request.seeds());
        List<ValidationResult> results = new ArrayList<>();
        for (String candidate : request.candidates()) {
            Measured measured = runs.get(candidate).measured(request.seeds());
            String note = !measured.problem().isEmpty() ? measured.problem()
                    : !baseline.problem().isEmpty() ? "baseline: " + baseline.problem() : "";
            List<Double> losses = measured.losses();
            List<Double> baselineLosses = baseline.losses();
            Optional<Significance.Comparison> comparison = losses.size() >= 2 && baselineLosses.size() >= 2
                    ? Optional.of(Significance.compare(losses, baselineLosses)) : Optional.empty();
            List<Double> fitness = new ArrayList<>();
            for (Long seed : request.seeds()) {
                TrainingMetrics own = measured.bySeed().get(seed);
                TrainingMetrics reference = baseline.bySeed().get(seed);
                if (own != null && reference != null) {
                    fitness.add(Fitness.of(new Baseline(reference.validationLoss(), reference.benchmarkScore()), own,
                            Optional.empty()).value());
                }
            }
            Optional<Significance.Comparison> fitnessComparison = fitness.size() >= 2
                    ? Optional.of(Significance.above(fitness, Fitness.BASELINE)) : Optional.empty();
            if (fitnessComparison.isEmpty() && note.isEmpty()) {
                note = "fewer than two seeds on which both trained";
            }
            ValidationResult result = new ValidationResult(request.campaignId(), candidate, request.baselineId(),
                    request.profile(), request.seeds(), losses, baselineLosses, comparison, note,
                    Workflow.currentTimeMillis(), measured.benchmarks(), baseline.benchmarks(), fitness,
                    fitnessComparison);
            store.recordValidation(result);
            results.add(result);
        }
        // Validations recorded before the fidelity was measured replay without it.
        if (Workflow.getVersion(FIDELITY, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION) {
            store.recordFidelity(request.campaignId(), request.profile());
        }
        return results;
    }

    /** The change id under which a validation ends by recording the campaign's screening fidelity. */
    static final String FIDELITY = "screening-fidelity";

    /** The baseline's fitness against itself, the level a candidate's fitness must lie above. */

    /** A design's screenings in flight, or why it could not be screened. */
    private record Runs(String problem, List<Promise<ScreeningReport>> screenings) {
        Measured measured(List<Long> seeds) {
            if (!problem.isEmpty()) {
                return new Measured(Map.of(), problem);
            }
            Map<Long, TrainingMetrics> bySeed = new LinkedHashMap<>();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < screenings.size(); i++) {
                try {
                    ScreeningReport report = screenings.get(i).get();
                    if (report instanceof ScreeningReport.Trained trained) {
                        bySeed.put(seeds.get(i), trained.metrics());
                    } else if (report instanceof ScreeningReport.Failed failed) {
                        failures.add(failed.failure().name());
                    }
                } catch (ActivityFailure failure) {
                    failures.add("CRASHED");
                }
            }
            return new Measured(bySeed, failures.isEmpty() ? "" : failures.size() + " of " + screenings.size()
                    + " seeds did not train (" + String.join(", ", failures) + ")");
        }
    }

    /** What a design's trained seeds measured, in seed order, and what went wrong with the others. */
    private record Measured(Map<Long, TrainingMetrics> bySeed, String problem) {
        List<Double> losses() {
            return bySeed.values().stream().map(TrainingMetrics::validationLoss).toList();
        }

        List<Map<String, Double>> benchmarks() {
            return bySeed.values().stream().map(TrainingMetrics::benchmarks).toList();
        }
    }

    private Runs start(ValidationRequest request, String design, CandidateActivities candidates,
                       ScreeningProfile profile) {
        String source = store.sourceOf(design);
        String id = design + "-val";
        CheckReport check;
        try {
            check = candidates.implement(new ImplementRequest(request.campaignId(), id, 0, source, profile.name()));
        } catch (ActivityFailure failure) {
            return new Runs("its checks did not finish on " + profile.name(), List.of());
        }
        if (check instanceof CheckReport.Failed failed) {
            return new Runs("fails its checks on " + profile.name() + ": " + failed.failure().name(), List.of());
        }
        List<Promise<ScreeningReport>> screenings = new ArrayList<>();
        for (long seed : request.seeds()) {
            screenings.add(Async.function(candidates::screen, new ScreenRequest(request.campaignId(), id + "-s" + seed,
                    source, profile.name(), seed, Optional.of(design), List.of())));
        }
        return new Runs("", screenings);
    }
}
