package dev.asiarch.workflows.validation;

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
        Losses baseline = runs.get(request.baselineId()).losses();
        List<ValidationResult> results = new ArrayList<>();
        for (String candidate : request.candidates()) {
            Losses losses = runs.get(candidate).losses();
            String note = !losses.problem().isEmpty() ? losses.problem()
                    : !baseline.problem().isEmpty() ? "baseline: " + baseline.problem() : "";
            Optional<Significance.Comparison> comparison = losses.values().size() >= 2 && baseline.values().size() >= 2
                    ? Optional.of(Significance.compare(losses.values(), baseline.values())) : Optional.empty();
            if (comparison.isEmpty() && note.isEmpty()) {
                note = "fewer than two trained seeds on one side";
            }
            ValidationResult result = new ValidationResult(request.campaignId(), candidate, request.baselineId(),
                    request.profile(), request.seeds(), losses.values(), baseline.values(), comparison, note,
                    Workflow.currentTimeMillis());
            store.recordValidation(result);
            results.add(result);
        }
        return results;
    }

    /** A design's screenings in flight, or why it could not be screened. */
    private record Runs(String problem, List<Promise<ScreeningReport>> screenings) {
        Losses losses() {
            if (!problem.isEmpty()) {
                return new Losses(List.of(), problem);
            }
            List<Double> values = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (Promise<ScreeningReport> screening : screenings) {
                try {
                    ScreeningReport report = screening.get();
                    if (report instanceof ScreeningReport.Trained trained) {
                        values.add(trained.metrics().validationLoss());
                    } else if (report instanceof ScreeningReport.Failed failed) {
                        failures.add(failed.failure().name());
                    }
                } catch (ActivityFailure failure) {
                    failures.add("CRASHED");
                }
            }
            return new Losses(values, failures.isEmpty() ? "" : failures.size() + " of " + screenings.size()
                    + " seeds did not train (" + String.join(", ", failures) + ")");
        }
    }

    private record Losses(List<Double> values, String problem) {
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
