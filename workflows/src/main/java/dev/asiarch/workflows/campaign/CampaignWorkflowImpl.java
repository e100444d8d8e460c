package dev.asiarch.workflows.campaign;

import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.pool.CandidateFilter;
import dev.asiarch.core.pool.CandidatePool;
import dev.asiarch.core.pool.PoolEntry;
import dev.asiarch.core.pool.PoolSample;
import dev.asiarch.core.validation.ValidationResult;
import dev.asiarch.workflows.ExperimentSearchAttributes;
import dev.asiarch.workflows.Stubs;
import dev.asiarch.workflows.TaskQueues;
import dev.asiarch.workflows.activities.CampaignOpening;
import dev.asiarch.workflows.activities.StoreActivities;
import dev.asiarch.workflows.experiment.ExperimentOutcome;
import dev.asiarch.workflows.experiment.ExperimentRequest;
import dev.asiarch.workflows.experiment.ExperimentWorkflow;
import dev.asiarch.workflows.validation.ValidationRequest;
import dev.asiarch.workflows.validation.ValidationWorkflow;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.LongStream;

/**
 * The discovery loop: the baseline (DeltaNet) first, so every fitness compares like with like; then
 * candidates evolve from parents sampled from the pool, with references as context, up to
 * {@code parallelism} at a time. Admitted candidates join the pool in batches, as in ASI-Arch. Signals
 * pause, resume, stop, pin a parent, ban a member or hand the next Researcher an idea. After
 * {@code continueAsNewEvery} experiments the run drains and continues as new with its state.
 */
public class CampaignWorkflowImpl implements CampaignWorkflow {

    /** Finished experiments the progress query lists. */
    static final int RECENT = 50;

    private final StoreActivities store = Stubs.store();

    private CampaignSpec spec;
    private CampaignPhase phase = CampaignPhase.BASELINE;
    private int nextIndex;
    private OptionalDouble baselineLoss = OptionalDouble.empty();
    private OptionalDouble baselineBenchmark = OptionalDouble.empty();
    private CandidatePool pool;
    private final List<PoolEntry> admitted = new ArrayList<>();
    private int trained;
    private int failed;
    private double spentUsd;
    private double gpuSeconds;
    private Steering steering = Steering.none();
    private int runs;
    private int startedThisRun;
    private final Deque<ExperimentOutcome> recent = new ArrayDeque<>();
    private final Map<String, Promise<ExperimentOutcome>> inFlight = new LinkedHashMap<>();

    @Override
    public CampaignResult run(CampaignInput campaign, CampaignState state) {
        spec = validated(campaign == null ? CampaignInput.empty() : campaign);
        restore(state == null ? CampaignState.start() : state);
        if (nextIndex == 0) {
            store.openCampaign(new CampaignOpening(spec.campaignId(), spec.profile(), spec.experiments(), spec.seed(),
                    Workflow.currentTimeMillis()));
            ExperimentOutcome baseline = baseline();
            if (!baseline.trained()) {
                return close(CampaignPhase.FAILED);
            }
        }
        while (true) {
            phase = steering.paused() ? CampaignPhase.PAUSED : CampaignPhase.EXPLORING;
            Workflow.await(() -> anyFinished() || mayStart() || (inFlight.isEmpty() && mustDrain()));
            harvest();
            if (inFlight.isEmpty() && mustDrain()) {
                Optional<CampaignPhase> end = ending();
                if (end.isPresent()) {
                    return close(end.get());
                }
                Workflow.continueAsNew(CampaignInput.of(spec), carried());
            }
            if (mayStart()) {
                start();
            }
        }
    }

    @Override
    public CampaignProgress progress() {
        // The baseline counts once it has finished, not while it runs.
        int baselineDone = nextIndex > 0 && !inFlight.containsKey(spec.experimentId(0)) ? 1 : 0;
        return new CampaignProgress(spec == null ? "" : spec.campaignId(), phase, spec == null ? 0 : spec.experiments() + 1,
                baselineDone + trained + failed, List.copyOf(recent), List.copyOf(inFlight.keySet()),
                pool == null ? List.of() : pool.ranked(), spentUsd, gpuSeconds / 3600, steering);
    }

    @Override
    public List<PoolEntry> leaderboard() {
        return pool == null ? List.of() : pool.ranked();
    }

    @Override
    public void pause() {
        steering = steering.paused(true, "pause: no new experiment starts");
    }

    @Override
    public void resume() {
        steering = steering.paused(false, "resume");
    }

    @Override
    public void stop() {
        steering = steering.stop("stop: the experiments in flight finish, then the campaign ends");
    }

    @Override
    public void pin(String experimentId) {
        if (pool == null || pool.ranked().stream().noneMatch(entry -> entry.experimentId().equals(experimentId))) {
            steering = steering.note("pin " + experimentId + " ignored: it is not in the pool");
            return;
        }
        steering = steering.pin(Optional.of(experimentId), "pin " + experimentId + ": the parent of every new experiment");
    }

    @Override
    public void unpin() {
        steering = steering.pin(Optional.empty(), "unpin: parents are sampled again");
    }

    @Override
    public void ban(String experimentId) {
        if (pool != null && pool.ranked().size() == 1 && pool.ranked().get(0).experimentId().equals(experimentId)) {
            steering = steering.note("ban " + experimentId + " ignored: it is the pool's only member");
            return;
        }
        steering = steering.ban(experimentId, "ban " + experimentId + ": never a parent or reference again");
        if (pool != null) {
            pool = CandidatePool.of(spec.poolCapacity(), allowed(pool.ranked()));
        }
        admitted.removeIf(entry -> entry.experimentId().equals(experimentId));
    }

    @Override
    public void inject(String idea) {
        if (idea == null || idea.isBlank()) {
            steering = steering.note("inject ignored: the idea was empty");
            return;
        }
        steering = steering.inject(idea.strip(), "inject: \"" + abbreviate(idea.strip()) + "\"");
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

    private void restore(CampaignState state) {
        nextIndex = state.nextIndex();
        baselineLoss = state.baselineLoss();
        baselineBenchmark = state.baselineBenchmark();
        pool = state.pool().isEmpty() ? null : CandidatePool.of(spec.poolCapacity(), state.pool());
        admitted.addAll(state.admitted());
        trained = state.trained();
        failed = state.failed();
        spentUsd = state.spentUsd();
        gpuSeconds = state.gpuSeconds();
        steering = state.steering();
        runs = state.runs();
    }

    private CampaignState carried() {
        return new CampaignState(nextIndex, baselineLoss, baselineBenchmark, pool.ranked(), admitted, trained, failed,
                spentUsd, gpuSeconds, steering, runs + 1);
    }

    private ExperimentOutcome baseline() {
        phase = CampaignPhase.BASELINE;
        ExperimentRequest request = new ExperimentRequest(spec.campaignId(), spec.experimentId(0),
                ExperimentRole.BASELINE, spec.profile(), Optional.empty(), List.of(), OptionalDouble.empty(),
                OptionalDouble.empty(), spec.seed(), spec.repairRounds(), Optional.empty(), spec.searchAttributes());
        nextIndex = 1;
        inFlight.put(request.experimentId(), Async.function(child(request)::run, request));
        ExperimentOutcome outcome = inFlight.get(request.experimentId()).get();
        inFlight.remove(request.experimentId());
        remember(outcome);
        if (outcome.trained()) {
            baselineLoss = outcome.validationLoss();
            baselineBenchmark = outcome.benchmarkScore();
            pool = CandidatePool.of(spec.poolCapacity(), List.of(entry(outcome)));
        }
        return outcome;
    }

    /** A new experiment may start: not paused or ending, a slot free, one left to run in this workflow run. */
    private boolean mayStart() {
        return !steering.paused() && !mustDrain() && inFlight.size() < spec.parallelism();
    }

    /** No new experiment starts in this run: the campaign is ending, or the run continues as new. */
    private boolean mustDrain() {
        return ending().isPresent() || startedThisRun >= spec.continueAsNewEvery();
    }

    private Optional<CampaignPhase> ending() {
        if (steering.stopped()) {
            return Optional.of(CampaignPhase.STOPPED);
        }
        if (spec.llmBudgetUsd() > 0 && spentUsd >= spec.llmBudgetUsd()) {
            return Optional.of(CampaignPhase.BUDGET_REACHED);
        }
        if (spec.gpuHoursBudget() > 0 && gpuSeconds >= spec.gpuHoursBudget() * 3600) {
            return Optional.of(CampaignPhase.GPU_BUDGET_REACHED);
        }
        return nextIndex > spec.experiments() ? Optional.of(CampaignPhase.FINISHED) : Optional.empty();
    }

    private boolean anyFinished() {
        return inFlight.values().stream().anyMatch(Promise::isCompleted);
    }

    private void start() {
        int index = nextIndex++;
        startedThisRun++;
        PoolSample sample = pool.sample(new Random(spec.seed() * 1_000_003L + index), steering.pinned());
        Optional<String> idea = steering.ideas().stream().findFirst();
        if (idea.isPresent()) {
            steering = steering.withoutFirstIdea().note("idea \"" + abbreviate(idea.get()) + "\" handed to "
                    + spec.experimentId(index));
        }
        ExperimentRequest request = new ExperimentRequest(spec.campaignId(), spec.experimentId(index),
                ExperimentRole.CANDIDATE, spec.profile(), Optional.of(sample.parent().experimentId()),
                sample.references().stream().map(PoolEntry::experimentId).toList(), baselineLoss, baselineBenchmark,
                spec.seed() + index, spec.repairRounds(), idea, spec.searchAttributes());
        inFlight.put(request.experimentId(), Async.function(child(request)::run, request));
    }

    /** Takes in every finished experiment: counters, money and hours, the filter and the batched pool. */
    private void harvest() {
        Iterator<Map.Entry<String, Promise<ExperimentOutcome>>> flights = inFlight.entrySet().iterator();
        while (flights.hasNext()) {
            Promise<ExperimentOutcome> flight = flights.next().getValue();
            if (!flight.isCompleted()) {
                continue;
            }
            flights.remove();
            ExperimentOutcome outcome = flight.get();
            remember(outcome);
            if (!outcome.trained()) {
                failed++;
                continue;
            }
            trained++;
            if (CandidateFilter.admits(baselineLoss.getAsDouble(), outcome.validationLoss().orElseThrow(),
                    baselineBenchmark, outcome.benchmarkScore())
                    && !steering.banned().contains(outcome.experimentId())) {
                admitted.add(entry(outcome));
            }
            if (admitted.size() >= spec.poolRefreshEvery()) {
                pool = pool.admit(admitted);
                admitted.clear();
            }
        }
    }

    private void remember(ExperimentOutcome outcome) {
        spentUsd += outcome.llmCostUsd();
        gpuSeconds += outcome.screenSeconds();
        recent.addLast(outcome);
        while (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    private ExperimentWorkflow child(ExperimentRequest request) {
        ChildWorkflowOptions.Builder options = ChildWorkflowOptions.newBuilder()
                .setWorkflowId(request.experimentId())
                .setTaskQueue(TaskQueues.ORCHESTRATION)
                // A campaign that is terminated takes its experiments with it; continue-as-new waits for them.
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE);
        if (spec.searchAttributes()) {
            options.setTypedSearchAttributes(SearchAttributes.newBuilder()
                    .set(ExperimentSearchAttributes.CAMPAIGN, spec.campaignId())
                    .set(ExperimentSearchAttributes.STATUS, "RUNNING")
                    .build());
        }
        return Workflow.newChildWorkflowStub(ExperimentWorkflow.class, options.build());
    }

    private List<PoolEntry> allowed(List<PoolEntry> entries) {
        return entries.stream().filter(entry -> !steering.banned().contains(entry.experimentId())).toList();
    }

    private CampaignResult close(CampaignPhase end) {
        if (pool != null) {
            pool = pool.admit(admitted);
            admitted.clear();
        }
        List<String> beatBaseline = end == CampaignPhase.FAILED ? List.of() : validate();
        phase = end;
        store.closeCampaign(spec.campaignId(), end.name(), Workflow.currentTimeMillis());
        return new CampaignResult(spec.campaignId(), end, trained + failed, trained, failed, spentUsd,
                gpuSeconds / 3600, runs + 1, pool == null ? List.of()
                        : pool.ranked().stream().map(PoolEntry::experimentId).toList(), beatBaseline);
    }

    /** The validation of the plan's top candidates, as a child workflow; the ones that beat the baseline. */
    private List<String> validate() {
        String baselineId = spec.experimentId(0);
        List<String> top = pool.ranked().stream().map(PoolEntry::experimentId)
                .filter(id -> !id.equals(baselineId))
                .limit(spec.validation().top())
                .toList();
        if (top.isEmpty()) {
            return List.of();
        }
        phase = CampaignPhase.VALIDATING;
        ValidationWorkflow validation = Workflow.newChildWorkflowStub(ValidationWorkflow.class,
                ChildWorkflowOptions.newBuilder()
                        .setWorkflowId(spec.campaignId() + "-validation")
                        .setTaskQueue(TaskQueues.ORCHESTRATION)
                        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
                        .build());
        List<Long> seeds = LongStream.rangeClosed(1, spec.validation().seeds()).boxed().toList();
        return validation.run(new ValidationRequest(spec.campaignId(), baselineId, top, spec.validation().profile(),
                        seeds)).stream()
                .filter(ValidationResult::beatsBaseline)
                .map(ValidationResult::experimentId)
                .toList();
    }

    private static PoolEntry entry(ExperimentOutcome outcome) {
        return new PoolEntry(outcome.experimentId(), outcome.name(), outcome.fitness().orElseThrow());
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
