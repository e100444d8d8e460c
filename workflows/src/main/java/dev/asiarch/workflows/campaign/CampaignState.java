package dev.asiarch.workflows.campaign;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.fitness.Fitness;
import dev.asiarch.core.pool.CandidateFilter;
import dev.asiarch.core.pool.CandidatePool;
import dev.asiarch.core.pool.PoolEntry;
import dev.asiarch.core.pool.PoolSample;
import dev.asiarch.workflows.experiment.ExperimentOutcome;
import dev.asiarch.workflows.experiment.ExperimentRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A campaign as it stands, and every rule that moves it on: what a finished experiment changes, which
 * experiment starts next, what steering does, when the campaign ends. Each transition returns a new
 * state; {@link CampaignWorkflowImpl} only schedules what the state asks for, so these rules run and
 * are tested without Temporal. The rules that need the campaign's settings take its {@link CampaignSpec}.
 *
 * <p>The first eleven components are what a run carries when it continues as new; their JSON is in the
 * histories of running campaigns and keeps exactly those fields. The last three belong to one workflow
 * run and are never written.
 *
 * @param nextIndex      the index of the next experiment to start (the baseline is 0)
 * @param baselineLoss   the baseline's validation loss, once it trained
 * @param pool           the ranked pool as of the last refresh; empty until the baseline trained
 * @param admitted       candidates that passed the filter since the last refresh, waiting to join the pool
 * @param gpuSeconds     screening time spent, over every experiment
 * @param runs           how many workflow runs came before this one
 * @param phase          where this run is ({@link #progress} reports a pause as {@link CampaignPhase#PAUSED})
 * @param startedThisRun candidates this workflow run started, counted against {@code continueAsNewEvery}
 * @param recent         the latest finished experiments of this run, oldest first (at most {@value #RECENT})
 */
public record CampaignState(int nextIndex, OptionalDouble baselineLoss, OptionalDouble baselineBenchmark,
                            List<PoolEntry> pool, List<PoolEntry> admitted, int trained, int failed,
                            double spentUsd, double gpuSeconds, Steering steering, int runs,
                            @JsonIgnore CampaignPhase phase, @JsonIgnore int startedThisRun,
                            @JsonIgnore List<ExperimentOutcome> recent) {

    /** Finished experiments the progress query lists. */
    static final int RECENT = 50;

    /** The baseline's fitness against itself. */

    /** Pool members a refused pin names, so that the answer stays short. */
    private static final int NAMED_MEMBERS = CandidatePool.PARENT_BAND;

    /** An experiment to start, and the campaign once it has started it. */
    record Launch(CampaignState state, ExperimentRequest request) {
    }

    public CampaignState {
        baselineLoss = baselineLoss == null ? OptionalDouble.empty() : baselineLoss;
        baselineBenchmark = baselineBenchmark == null ? OptionalDouble.empty() : baselineBenchmark;
        pool = pool == null ? List.of() : List.copyOf(pool);
        admitted = admitted == null ? List.of() : List.copyOf(admitted);
        steering = steering == null ? Steering.none() : steering;
        // Read from JSON, a state has none of the run's own parts: a run that carries it has its baseline.
        phase = phase == null ? (nextIndex == 0 ? CampaignPhase.BASELINE : CampaignPhase.EXPLORING) : phase;
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    /** A new campaign: nothing measured, nothing spent, nobody has steered it. */
    public static CampaignState start() {
        return new CampaignState(0, OptionalDouble.empty(), OptionalDouble.empty(), List.of(), List.of(), 0, 0, 0, 0,
                Steering.none(), 0, CampaignPhase.BASELINE, 0, List.of());
    }

    // ---- Experiments: the baseline, the candidates, and what they leave behind

    /** The baseline, experiment 0: DeltaNet on the campaign's profile, compared with nothing. */
    Launch launchBaseline(CampaignSpec spec) {
        ExperimentRequest request = new ExperimentRequest(spec.campaignId(), spec.experimentId(0),
                ExperimentRole.BASELINE, spec.profile(), Optional.empty(), List.of(), OptionalDouble.empty(),
                OptionalDouble.empty(), spec.seed(), spec.repairRounds(), Optional.empty(), spec.searchAttributes());
        CampaignState started = new CampaignState(1, baselineLoss, baselineBenchmark, pool, admitted, trained, failed,
                spentUsd, gpuSeconds, steering, runs, CampaignPhase.BASELINE, startedThisRun, recent);
        return new Launch(started, request);
    }

    /**
     * The next candidate: its parent drawn from the pool's top band (the pinned member, when one is
     * pinned) and references from the ranks below; under {@link SearchStrategy#RANDOM}, the baseline and
     * no references, unless the team pinned a parent, with a random source seeded by its index so that a
     * replay draws the same; the oldest idea the team injected goes to its Researcher.
     */
    Launch launchCandidate(CampaignSpec spec, PoolRules rules) {
        int index = nextIndex;
        String baselineId = spec.experimentId(0);
        // The ban update refuses the baseline under the random strategy; a plain ban signal does not ask, and
        // then the draw falls back to the pool's. Only the parent's id goes into the request.
        PoolSample sample = spec.strategy() == SearchStrategy.RANDOM && steering.pinned().isEmpty()
                && !steering.banned().contains(baselineId)
                ? new PoolSample(new PoolEntry(baselineId, "baseline", Fitness.BASELINE), List.of())
                : CandidatePool.of(spec.poolCapacity(), pool).sample(rules.draws(spec, index), steering.pinned());
        Optional<String> idea = steering.ideas().stream().findFirst();
        Steering handedOver = idea.map(text -> steering.withoutFirstIdea()
                .note("idea \"" + abbreviate(text) + "\" handed to " + spec.experimentId(index))).orElse(steering);
        ExperimentRequest request = new ExperimentRequest(spec.campaignId(), spec.experimentId(index),
                ExperimentRole.CANDIDATE, spec.profile(), Optional.of(sample.parent().experimentId()),
                sample.references().stream().map(PoolEntry::experimentId).toList(), baselineLoss, baselineBenchmark,
                rules.experimentSeed(spec, index), spec.repairRounds(), idea, spec.searchAttributes());
        CampaignState started = new CampaignState(index + 1, baselineLoss, baselineBenchmark, pool, admitted, trained,
                failed, spentUsd, gpuSeconds, handedOver, runs, phase, startedThisRun + 1, recent);
        return new Launch(started, request);
    }

    /**
     * The finished baseline: what it cost, and when it trained, the loss and accuracy every candidate is
     * compared with and the pool's first member. Untrained, it leaves nothing to compare with.
     */
    CampaignState measureBaseline(ExperimentOutcome baseline) {
        CampaignState spent = spend(baseline);
        if (!(baseline instanceof ExperimentOutcome.Trained trainedBaseline)) {
            return spent;
        }
        return new CampaignState(nextIndex, OptionalDouble.of(trainedBaseline.validationLoss()),
                trainedBaseline.benchmarkScore(), List.of(entry(trainedBaseline)), admitted, trained, failed, spent.spentUsd, spent.gpuSeconds, steering, runs,
                CampaignPhase.EXPLORING, startedThisRun, spent.recent);
    }

    /** Whether the baseline trained, so that candidates have something to be compared with. */
    boolean baselineTrained() {
        return baselineLoss.isPresent();
    }

    /**
     * A finished candidate: what it cost, trained or failed, and when it trained, passes the candidate
     * filter and is not banned, a place in the batch waiting for the pool. A full batch joins the pool
     * (ASI-Arch's batched update; {@code rules} say how large a batch is).
     */
    CampaignState admit(ExperimentOutcome candidate, CampaignSpec spec, PoolRules rules) {
        CampaignState spent = spend(candidate);
        if (!(candidate instanceof ExperimentOutcome.Trained trainedCandidate)) {
            return new CampaignState(nextIndex, baselineLoss, baselineBenchmark, pool, admitted, trained, failed + 1,
                    spent.spentUsd, spent.gpuSeconds, steering, runs, phase, startedThisRun, spent.recent);
        }
        List<PoolEntry> batch = admitted;
        if (CandidateFilter.admits(baselineLoss.getAsDouble(), trainedCandidate.validationLoss(),
                baselineBenchmark, trainedCandidate.benchmarkScore())
                && !steering.banned().contains(candidate.experimentId())) {
            batch = plus(admitted, entry(trainedCandidate));
        }
        CampaignState counted = new CampaignState(nextIndex, baselineLoss, baselineBenchmark, pool, batch, trained + 1,
                failed, spent.spentUsd, spent.gpuSeconds, steering, runs, phase, startedThisRun, spent.recent);
        return batch.size() >= rules.batch(spec, pool.size()) ? counted.refreshPool(spec) : counted;
    }

    /** The waiting batch joins the pool, which keeps its best {@code poolCapacity} members. */
    CampaignState refreshPool(CampaignSpec spec) {
        List<PoolEntry> refreshed = CandidatePool.of(spec.poolCapacity(), pool).admit(admitted).ranked();
        return new CampaignState(nextIndex, baselineLoss, baselineBenchmark, refreshed, List.of(), trained, failed,
                spentUsd, gpuSeconds, steering, runs, phase, startedThisRun, recent);
    }

    /** What a finished experiment cost, added to the campaign's dollars and GPU time; it joins the recent ones. */
    CampaignState spend(ExperimentOutcome outcome) {
        List<ExperimentOutcome> latest = plus(recent, outcome);
        if (latest.size() > RECENT) {
            latest = latest.subList(latest.size() - RECENT, latest.size());
        }
        return new CampaignState(nextIndex, baselineLoss, baselineBenchmark, pool, admitted, trained, failed,
                spentUsd + outcome.llmCostUsd(), gpuSeconds + outcome.screenSeconds(), steering, runs, phase,
                startedThisRun, latest);
    }

    // ---- When experiments start, and when the campaign ends

    /** A candidate may start: not paused or draining, and fewer than {@code parallelism} in flight. */
    boolean mayLaunch(CampaignSpec spec, int inFlight) {
        return !steering.paused() && !mustDrain(spec) && inFlight < spec.parallelism();
    }

    /** No candidate starts in this run any more: the campaign is ending, or the run continues as new. */
    boolean mustDrain(CampaignSpec spec) {
        return ending(spec).isPresent() || startedThisRun >= spec.continueAsNewEvery();
    }

    /** How the campaign ends once the experiments in flight finish, if it ends: the first reason that holds. */
    Optional<CampaignPhase> ending(CampaignSpec spec) {
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

    /** What the next workflow run starts from: everything carried, the run's own counters reset. */
    CampaignState continued() {
        return new CampaignState(nextIndex, baselineLoss, baselineBenchmark, pool, admitted, trained, failed, spentUsd,
                gpuSeconds, steering, runs + 1, CampaignPhase.EXPLORING, 0, List.of());
    }

    /** The candidates the end's validation screens again: the best pool members other than the baseline. */
    List<String> validationCandidates(CampaignSpec spec) {
        String baselineId = spec.experimentId(0);
        return pool.stream().map(PoolEntry::experimentId)
                .filter(id -> !id.equals(baselineId))
                .limit(spec.validation().top())
                .toList();
    }

    CampaignState validating() {
        return inPhase(CampaignPhase.VALIDATING);
    }

    /** The campaign has ended this way; {@link #result} reports it. */
    CampaignState end(CampaignPhase end) {
        return inPhase(end);
    }

    /** How the campaign ended, over all its workflow runs. */
    CampaignResult result(CampaignSpec spec, List<String> beatBaseline) {
        return new CampaignResult(spec.campaignId(), phase, trained + failed, trained, failed, spentUsd,
                gpuSeconds / 3600, runs + 1, pool.stream().map(PoolEntry::experimentId).toList(), beatBaseline);
    }

    /** The campaign as its progress query reports it, with the experiments now in flight. */
    CampaignProgress progress(CampaignSpec spec, List<String> running) {
        // The baseline counts once it has finished, not while it runs.
        int baselineDone = nextIndex > 0 && !running.contains(spec.experimentId(0)) ? 1 : 0;
        CampaignPhase shown = phase == CampaignPhase.EXPLORING && steering.paused() ? CampaignPhase.PAUSED : phase;
        return new CampaignProgress(spec.campaignId(), shown, spec.experiments() + 1, baselineDone + trained + failed,
                recent, running, pool, spentUsd, gpuSeconds / 3600, steering);
    }

    // ---- Steering: what the research team tells a running campaign

    CampaignState pause() {
        return steered(steering.paused(true, "pause: no new experiment starts"));
    }

    CampaignState resume() {
        return steered(steering.paused(false, "resume"));
    }

    CampaignState stop() {
        return steered(steering.stop("stop: the experiments in flight finish, then the campaign ends"));
    }

    /** Every new experiment evolves from this pool member; any other is noted in the log and changes nothing. */
    CampaignState pin(String experimentId) {
        return outsideThePool(experimentId)
                .map(reason -> steered(steering.note("pin " + experimentId + " ignored: " + reason)))
                .orElseGet(() -> steered(steering.pin(Optional.of(experimentId),
                        "pin " + experimentId + ": the parent of every new experiment")));
    }

    CampaignState unpin() {
        return steered(steering.pin(Optional.empty(), steering.pinned()
                .map(id -> "unpin " + id + ": parents are sampled again")
                .orElse("unpin: nothing was pinned; parents are sampled as before")));
    }

    /**
     * The experiment leaves the pool and the waiting batch, and never enters either again, so it is no
     * parent or reference any more; a pin on it ends. The pool's only member is kept, noted in the log,
     * so that sampling never runs dry. These are the ban signal's rules since campaigns had one, and the
     * histories of running campaigns hold the pools they made; {@link #banRefusal} refuses more.
     */
    CampaignState ban(String experimentId) {
        if (onlyMember(experimentId)) {
            return steered(steering.note("ban " + experimentId + " ignored: it is the pool's only member"));
        }
        Steering banned = steering.ban(experimentId, "ban " + experimentId + ": never a parent or reference again");
        // The pool loses every banned member, as it always has: a baseline banned while it was measured
        // joined the pool all the same, and leaves it at the next ban.
        List<PoolEntry> allowed = pool.stream().filter(entry -> !banned.banned().contains(entry.experimentId()))
                .toList();
        List<PoolEntry> waiting = admitted.stream().filter(entry -> !entry.experimentId().equals(experimentId))
                .toList();
        return new CampaignState(nextIndex, baselineLoss, baselineBenchmark, allowed, waiting, trained, failed,
                spentUsd, gpuSeconds, banned, runs, phase, startedThisRun, recent);
    }

    /** An idea for the next Researcher; an empty one is noted in the log and changes nothing. */
    CampaignState inject(String idea) {
        if (idea == null || idea.isBlank()) {
            return steered(steering.note("inject ignored: the idea was empty"));
        }
        return steered(steering.inject(idea.strip(), "inject: \"" + abbreviate(idea.strip()) + "\""));
    }

    /**
     * Why the campaign refuses to pin {@code experimentId} now, if it does: the parent must be a pool
     * member, and an experiment must be left to start.
     */
    Optional<String> pinRefusal(String experimentId, CampaignSpec spec) {
        return noNewExperiment(spec).or(() -> outsideThePool(experimentId));
    }

    /**
     * Why the campaign refuses to ban {@code experimentId} now, if it does: it must be an experiment the
     * campaign started, and at least one pool member must remain, including while the baseline is
     * measured and is the pool to be.
     */
    Optional<String> banRefusal(String experimentId, CampaignSpec spec) {
        if (experimentId == null || experimentId.isBlank()) {
            return Optional.of("no experiment was named");
        }
        if (IntStream.range(0, nextIndex).mapToObj(spec::experimentId).noneMatch(experimentId::equals)) {
            return Optional.of(nextIndex == 0 ? "campaign " + spec.campaignId() + " has not started an experiment yet"
                    : "campaign " + spec.campaignId() + " has no such experiment; it has started "
                    + spec.experimentId(0) + (nextIndex > 1 ? " to " + spec.experimentId(nextIndex - 1) : ""));
        }
        if (pool.isEmpty()) {
            return Optional.of("it is the baseline, still being measured, and the pool starts with it");
        }
        if (onlyMember(experimentId)) {
            return Optional.of("it is the pool's only member, and every new experiment needs a parent from the pool");
        }
        if (spec.strategy() == SearchStrategy.RANDOM && experimentId.equals(spec.experimentId(0))) {
            return Optional.of("it is the baseline, the parent of every candidate under the random strategy");
        }
        return Optional.empty();
    }

    /**
     * Why the campaign refuses the idea now, if it does: it must say something, and an experiment must be
     * left to start that has no idea waiting for it yet.
     */
    Optional<String> injectRefusal(String idea, CampaignSpec spec) {
        if (idea == null || idea.isBlank()) {
            return Optional.of("the idea is empty");
        }
        Optional<String> ending = noNewExperiment(spec);
        if (ending.isPresent()) {
            return ending;
        }
        int toStart = spec.experiments() + 1 - nextIndex;
        if (steering.ideas().size() >= toStart) {
            return Optional.of(toStart + (toStart == 1 ? " experiment is" : " experiments are") + " left to start and "
                    + steering.ideas().size() + (steering.ideas().size() == 1 ? " idea waits" : " ideas wait")
                    + " already; each Researcher takes one");
        }
        return Optional.empty();
    }

    // ---- The parts the rules share

    /** Why no new experiment will start, if none will: the reason the campaign is ending. */
    private Optional<String> noNewExperiment(CampaignSpec spec) {
        return ending(spec).map(end -> switch (end) {
            case STOPPED -> "the campaign is stopping: no new experiment starts";
            case BUDGET_REACHED -> "the campaign's LLM budget is spent: no new experiment starts";
            case GPU_BUDGET_REACHED -> "the campaign's GPU hours are spent: no new experiment starts";
            default -> "every experiment the campaign plans has started";
        });
    }

    /** Why {@code experimentId} is no pool member, if it is not. */
    private Optional<String> outsideThePool(String experimentId) {
        if (pool.stream().anyMatch(entry -> entry.experimentId().equals(experimentId))) {
            return Optional.empty();
        }
        if (pool.isEmpty()) {
            return Optional.of("it is not in the pool, which is empty until the baseline has trained");
        }
        if (steering.banned().contains(experimentId)) {
            return Optional.of("it is not in the pool: it is banned");
        }
        if (admitted.stream().anyMatch(entry -> entry.experimentId().equals(experimentId))) {
            return Optional.of("it is not in the pool yet: it passed the candidate filter and joins at the next "
                    + "refresh");
        }
        List<String> members = pool.stream().limit(NAMED_MEMBERS).map(PoolEntry::experimentId).toList();
        return Optional.of("it is not in the pool, whose " + (pool.size() > members.size() ? "best members are "
                : pool.size() == 1 ? "only member is " : "members are ") + String.join(", ", members));
    }

    private boolean onlyMember(String experimentId) {
        return pool.size() == 1 && pool.get(0).experimentId().equals(experimentId);
    }

    private CampaignState steered(Steering steered) {
        return new CampaignState(nextIndex, baselineLoss, baselineBenchmark, pool, admitted, trained, failed, spentUsd,
                gpuSeconds, steered, runs, phase, startedThisRun, recent);
    }

    private CampaignState inPhase(CampaignPhase next) {
        return new CampaignState(nextIndex, baselineLoss, baselineBenchmark, pool, admitted, trained, failed, spentUsd,
                gpuSeconds, steering, runs, next, startedThisRun, recent);
    }

    private static PoolEntry entry(ExperimentOutcome.Trained outcome) {
        return new PoolEntry(outcome.experimentId(), outcome.name(), outcome.fitness());
    }

    private static <T> List<T> plus(List<T> items, T item) {
        List<T> more = new ArrayList<>(items);
        more.add(item);
        return more;
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
