package dev.asiarch.workflows.campaign;

import dev.asiarch.core.fitness.NoiseFloor;
import dev.asiarch.core.pool.PoolEntry;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.core.validation.ValidationResult;
import dev.asiarch.workflows.ExperimentSearchAttributes;
import dev.asiarch.workflows.Stubs;
import dev.asiarch.workflows.activities.BaselineSeeds;
import dev.asiarch.workflows.activities.CampaignOpening;
import dev.asiarch.workflows.activities.CandidateActivities;
import dev.asiarch.workflows.activities.ScreenRequest;
import dev.asiarch.workflows.activities.ScreeningReport;
import dev.asiarch.workflows.activities.StoreActivities;
import dev.asiarch.workflows.experiment.ExperimentOutcome;
import dev.asiarch.workflows.experiment.ExperimentRequest;
import dev.asiarch.workflows.experiment.ExperimentWorkflow;
import dev.asiarch.workflows.validation.ValidationRequest;
import dev.asiarch.workflows.validation.ValidationWorkflow;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * The discovery loop as Temporal runs it: the baseline (DeltaNet) first, so every fitness compares like
 * with like; then candidates, up to {@code parallelism} at a time, each an experiment workflow; after
 * {@code continueAsNewEvery} candidates the run drains and continues as new with its state; at the end,
 * the validation of the best candidates. What each finished experiment changes, which one starts next,
 * what steering does and when the campaign ends are {@link CampaignState}'s rules: this class holds the
 * spec, that state and the experiments in flight, and schedules.
 */
public class CampaignWorkflowImpl implements CampaignWorkflow {

    private final StoreActivities store = Stubs.store();

    private CampaignSpec spec;
    /** The change id under which a campaign's pool evolves from its first experiments ({@link PoolRules}). */
    static final String POOL_EVOLVES = "pool-evolves-from-the-start";
    /** The change id under which each candidate's seed is scrambled from the campaign's ({@link PoolRules}). */
    static final String DISTINCT_SEEDS = "distinct-experiment-seeds";

    private CampaignState state = CampaignState.start();
    private PoolRules rules = PoolRules.EVOLVING;
    private final Map<String, Promise<ExperimentOutcome>> inFlight = new LinkedHashMap<>();

    @Override
    public CampaignResult run(CampaignInput campaign, CampaignState carried) {
        spec = validated(campaign == null ? CampaignInput.empty() : campaign);
        // Histories recorded before the pool evolved from the start replay with the rules they ran under.
        rules = Workflow.getVersion(POOL_EVOLVES, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION
                ? PoolRules.RECORDED
                : Workflow.getVersion(DISTINCT_SEEDS, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION
                        ? PoolRules.EVOLVING : PoolRules.DISTINCT_SEEDS;
        // Signals in a run's first task were handled before this line, on a state that is now replaced:
        // histories of running campaigns were recorded so, and replaying them needs it (updates wait for it).
        state = carried == null ? CampaignState.start() : carried;
        if (state.nextIndex() == 0) {
            store.openCampaign(new CampaignOpening(spec.campaignId(), spec.profile(), spec.experiments(), spec.seed(),
                    Workflow.currentTimeMillis(), spec.strategy().label(), spec.baselineSeeds()));
            String baseline = launch(state.launchBaseline(spec));
            ExperimentOutcome measured = inFlight.get(baseline).get();
            inFlight.remove(baseline);
            state = state.measureBaseline(measured);
            if (!state.baselineTrained()) {
                return close(CampaignPhase.FAILED);
            }
            if (spec.baselineSeeds() > 1) {
                measureNoiseFloor();
            }
        }
        while (true) {
            Workflow.await(() -> anyFinished() || mayLaunch() || drained());
            harvest();
            if (drained()) {
                Optional<CampaignPhase> end = state.ending(spec);
                if (end.isPresent()) {
                    return close(end.get());
                }
                Workflow.continueAsNew(CampaignInput.of(spec), state.continued());
            }
            if (mayLaunch()) {
                launch(state.launchCandidate(spec, rules));
            }
        }
    }

    @Override
    public CampaignProgress progress() {
        return spec == null ? CampaignProgress.notStarted() : state.progress(spec, List.copyOf(inFlight.keySet()));
    }

    @Override
    public List<PoolEntry> leaderboard() {
        return state.pool();
    }

    @Override
    public void pause() {
        state = state.pause();
    }

    @Override
    public void resume() {
        state = state.resume();
    }

    @Override
    public void stop() {
        state = state.stop();
    }

    @Override
    public void pin(String experimentId) {
        state = state.pin(experimentId);
    }

    @Override
    public void unpin() {
        state = state.unpin();
    }

    @Override
    public void ban(String experimentId) {
        state = state.ban(experimentId);
    }

    @Override
    public void inject(String idea) {
        state = state.inject(idea);
    }

    @Override
    public String pinParent(String experimentId) {
        return steer("pin " + experimentId, () -> state.pinRefusal(experimentId, spec), () -> state.pin(experimentId));
    }

    @Override
    public void validatePinParent(String experimentId) {
        validate("pin " + experimentId, () -> state.pinRefusal(experimentId, spec));
    }

    @Override
    public String unpinParent() {
        return steer("unpin", Optional::empty, () -> state.unpin());
    }

    @Override
    public String banExperiment(String experimentId) {
        return steer("ban " + experimentId, () -> state.banRefusal(experimentId, spec), () -> state.ban(experimentId));
    }

    @Override
    public void validateBanExperiment(String experimentId) {
        validate("ban " + experimentId, () -> state.banRefusal(experimentId, spec));
    }

    @Override
    public String injectIdea(String idea) {
        return steer("inject the idea", () -> state.injectRefusal(idea, spec), () -> state.inject(idea));
    }

    @Override
    public void validateInjectIdea(String idea) {
        validate("inject the idea", () -> state.injectRefusal(idea, spec));
    }

    /**
     * The campaign to run, or a workflow failure that names every bad field: thrown as anything else, it would
     * fail the workflow task, which Temporal retries for ever. A campaign started by a Temporal Schedule has
     * no id of its own: it takes its workflow's, which the schedule makes unique per run.
     */
    private static CampaignSpec validated(CampaignInput campaign) {
        List<String> problems = campaign.problems();
        if (!problems.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("the campaign cannot start: " + String.join("; ", problems),
                    INVALID_CAMPAIGN);
        }
        return campaign.toSpec(Workflow.getInfo().getWorkflowId());
    }

    /**
     * The baseline screened again with {@code baselineSeeds - 1} further seeds on the campaign's profile,
     * all at once, and recorded: the spread every candidate is told against. A seed that fails is recorded
     * as failed; the campaign goes on with the others.
     */
    private void measureNoiseFloor() {
        String baselineId = spec.experimentId(0);
        CandidateActivities candidates = Stubs.candidates(ScreeningProfiles.byName(spec.profile()));
        String source = store.sourceOf(baselineId);
        Map<Long, Promise<ScreeningReport>> screenings = new LinkedHashMap<>();
        for (int k = 1; k < spec.baselineSeeds(); k++) {
            long seed = spec.baselineSeed(k);
            screenings.put(seed, Async.function(candidates::screen, new ScreenRequest(spec.campaignId(),
                    baselineId + "-seed" + k, source, spec.profile(), seed, Optional.empty(), List.of())));
        }
        List<NoiseFloor.Run> runs = new ArrayList<>();
        List<BaselineSeeds.Failed> failures = new ArrayList<>();
        screenings.forEach((seed, screening) -> {
            try {
                ScreeningReport report = screening.get();
                if (report instanceof ScreeningReport.Trained trained) {
                    runs.add(NoiseFloor.Run.of(seed, trained.metrics()));
                } else if (report instanceof ScreeningReport.Failed failed) {
                    failures.add(new BaselineSeeds.Failed(seed, failed.failure().name()));
                }
            } catch (ActivityFailure failure) {
                failures.add(new BaselineSeeds.Failed(seed, "CRASHED"));
            }
        });
        store.recordBaselineSeeds(new BaselineSeeds(spec.campaignId(), runs, failures));
    }

    /** Starts the experiment the state chose as a child workflow; its id. */
    private String launch(CampaignState.Launch launch) {
        state = launch.state();
        ExperimentRequest request = launch.request();
        inFlight.put(request.experimentId(), Async.function(child(request)::run, request));
        return request.experimentId();
    }

    private boolean mayLaunch() {
        return state.mayLaunch(spec, inFlight.size());
    }

    /** Nothing in flight and nothing more to start in this run: the campaign ends or continues as new. */
    private boolean drained() {
        return inFlight.isEmpty() && state.mustDrain(spec);
    }

    private boolean anyFinished() {
        return inFlight.values().stream().anyMatch(Promise::isCompleted);
    }

    /** Takes in every finished candidate, in the order they started. */
    private void harvest() {
        Iterator<Promise<ExperimentOutcome>> flights = inFlight.values().iterator();
        while (flights.hasNext()) {
            Promise<ExperimentOutcome> flight = flights.next();
            if (flight.isCompleted()) {
                flights.remove();
                state = state.admit(flight.get(), spec, rules);
            }
        }
    }

    private ExperimentWorkflow child(ExperimentRequest request) {
        return Stubs.experiment(request.experimentId(), spec.searchAttributes()
                ? SearchAttributes.newBuilder()
                        .set(ExperimentSearchAttributes.CAMPAIGN, spec.campaignId())
                        .set(ExperimentSearchAttributes.STATUS, "RUNNING")
                        .build()
                : SearchAttributes.EMPTY);
    }

    private CampaignResult close(CampaignPhase end) {
        state = state.refreshPool(spec);
        List<String> beatBaseline = end == CampaignPhase.FAILED ? List.of() : validate();
        state = state.end(end);
        store.closeCampaign(spec.campaignId(), end.name(), Workflow.currentTimeMillis());
        return state.result(spec, beatBaseline);
    }

    /** The validation of the plan's top candidates, as a child workflow; the ones that beat the baseline. */
    private List<String> validate() {
        List<String> top = state.validationCandidates(spec);
        if (top.isEmpty()) {
            return List.of();
        }
        state = state.validating();
        ValidationWorkflow validation = Stubs.validation(spec.campaignId());
        List<Long> seeds = LongStream.rangeClosed(1, spec.validation().seeds()).boxed().toList();
        return validation.run(new ValidationRequest(spec.campaignId(), spec.experimentId(0), top,
                        spec.validation().profile(), seeds)).stream()
                .filter(ValidationResult::beatsBaseline)
                .map(ValidationResult::experimentId)
                .toList();
    }

    /**
     * Refuses an update before it is accepted, when the campaign cannot take it. Before {@link #run} has
     * begun (an update in a run's first task comes first) the state is not the campaign's yet, and the
     * handler makes the check instead.
     */
    private void validate(String action, Supplier<Optional<String>> refusal) {
        if (spec != null) {
            refusal.get().ifPresent(reason -> {
                throw new SteeringRefused(refusedTo(action, reason));
            });
        }
    }

    /**
     * Applies an accepted update once the run holds its state, and answers with what the steering log says.
     * A refusal here fails the update as an {@code ApplicationFailure}: any other exception in a handler
     * would fail the workflow task instead.
     */
    private String steer(String action, Supplier<Optional<String>> refusal, Supplier<CampaignState> change) {
        Workflow.await(() -> spec != null);
        refusal.get().ifPresent(reason -> {
            throw ApplicationFailure.newNonRetryableFailure(refusedTo(action, reason), STEERING_REFUSED);
        });
        state = change.get();
        return state.steering().latest();
    }

    private static String refusedTo(String action, String reason) {
        return "cannot " + action + ": " + reason;
    }
}
