package dev.asiarch.workflows.experiment;

import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.experiment.ArtifactLayout;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.experiment.ImplementationAttempt;
import dev.asiarch.core.experiment.JudgeScores;
import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.fitness.Fitness;
import dev.asiarch.core.fitness.FitnessScore;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.core.program.SeedPrograms;
import dev.asiarch.workflows.ExperimentSearchAttributes;
import dev.asiarch.workflows.StoreStub;
import dev.asiarch.workflows.TaskQueues;
import dev.asiarch.workflows.activities.AnalysisAnswer;
import dev.asiarch.workflows.activities.AnalysisRequest;
import dev.asiarch.workflows.activities.AnalystActivities;
import dev.asiarch.workflows.activities.CandidateActivities;
import dev.asiarch.workflows.activities.CheckReport;
import dev.asiarch.workflows.activities.EngineerActivities;
import dev.asiarch.workflows.activities.ImplementRequest;
import dev.asiarch.workflows.activities.JudgeActivities;
import dev.asiarch.workflows.activities.JudgeAnswer;
import dev.asiarch.workflows.activities.JudgeRequest;
import dev.asiarch.workflows.activities.LlmCalls;
import dev.asiarch.workflows.activities.NoveltyActivities;
import dev.asiarch.workflows.activities.NoveltyRequest;
import dev.asiarch.workflows.activities.NoveltyVerdict;
import dev.asiarch.workflows.activities.Proposal;
import dev.asiarch.workflows.activities.ProposalRequest;
import dev.asiarch.workflows.activities.RepairAnswer;
import dev.asiarch.workflows.activities.RepairRequest;
import dev.asiarch.workflows.activities.ResearchActivities;
import dev.asiarch.workflows.activities.ScreenRequest;
import dev.asiarch.workflows.activities.ScreeningReport;
import dev.asiarch.workflows.activities.SeedRequest;
import dev.asiarch.workflows.activities.StoreActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One experiment, top to bottom: propose and check novelty, implement and repair, screen, judge,
 * analyse, record. A candidate that fails its checks goes back to the Engineer with the diagnostic, at
 * most {@code repairRounds} times; every attempt and every model call is kept in the record. A candidate's own failure ends the experiment as a recorded
 * failure with its reason; it never fails the workflow.
 */
public class ExperimentWorkflowImpl implements ExperimentWorkflow {

    /** Infrastructure faults (a worker lost, a store hiccup) are retried; candidate faults are data. */
    private static final RetryOptions INFRASTRUCTURE_RETRIES = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofSeconds(30))
            .setMaximumAttempts(3)
            .build();

    private final StoreActivities store = StoreStub.create();

    /**
     * Every agent on the llm queue: an offline one answers in milliseconds, a model may take minutes
     * (its client retries 429 and 5xx itself); only infrastructure faults are retried here, and a queue
     * without a worker still ends within half an hour instead of hanging the experiment.
     */
    private static final ActivityOptions AGENT = ActivityOptions.newBuilder()
            .setTaskQueue(TaskQueues.LLM)
            .setStartToCloseTimeout(Duration.ofMinutes(5))
            .setScheduleToCloseTimeout(Duration.ofMinutes(30))
            .setRetryOptions(INFRASTRUCTURE_RETRIES)
            .build();

    private final ResearchActivities research = Workflow.newActivityStub(ResearchActivities.class, AGENT);
    private final NoveltyActivities novelty = Workflow.newActivityStub(NoveltyActivities.class, AGENT);
    private final EngineerActivities engineer = Workflow.newActivityStub(EngineerActivities.class, AGENT);
    private final JudgeActivities judges = Workflow.newActivityStub(JudgeActivities.class, AGENT);
    private final AnalystActivities analysts = Workflow.newActivityStub(AnalystActivities.class, AGENT);

    /** New proposals asked for after a duplicate (ASI-Arch allowed 10). */
    static final int NOVELTY_RETRIES = 3;

    private ExperimentProgress progress = new ExperimentProgress("", ExperimentStep.PROPOSE, "");
    private final List<LlmCall> llmCalls = new ArrayList<>();
    private final List<String> incidents = new ArrayList<>();
    /** Wall time spent in candidate activities, the campaign's measure of GPU time. */
    private long screenMillis;

    @Override
    public ExperimentOutcome run(ExperimentRequest request) {
        ScreeningProfile profile = ScreeningProfiles.byName(request.profile());
        CandidateActivities candidates = candidateStub(profile);
        progress = new ExperimentProgress(request.experimentId(), ExperimentStep.PROPOSE, "");

        Proposal proposal;
        Optional<String> repeats = Optional.empty();
        try {
            if (request.role() == ExperimentRole.BASELINE) {
                proposal = research.seedProposal(new SeedRequest(request.campaignId(), request.experimentId(),
                        SeedPrograms.DELTA_NET));
                llmCalls.addAll(proposal.calls());
            } else {
                Novel novel = proposeNovel(request);
                proposal = novel.proposal();
                repeats = novel.stillRepeats();
            }
        } catch (ActivityFailure failure) {
            llmCalls.addAll(LlmCalls.carriedBy(failure));
            Proposal none = new Proposal("(no proposal)", "", Optional.empty(), "", "none", List.of());
            return finish(request, none, none.source(), List.of(), FailureReason.NO_PROPOSAL,
                    "researcher failed: " + rootMessage(failure));
        }
        if (repeats.isPresent()) {
            return finish(request, proposal, proposal.source(), List.of(), FailureReason.DUPLICATE, repeats.get());
        }
        moveTo(ExperimentStep.IMPLEMENT, proposal.name());

        List<ImplementationAttempt> attempts = implementAndRepair(request, proposal, profile, candidates);
        ImplementationAttempt last = attempts.get(attempts.size() - 1);
        if (!last.passed()) {
            return finish(request, proposal, last.source(), attempts, last.failure().orElseThrow(), last.diagnostic());
        }
        String source = last.source();
        moveTo(ExperimentStep.SCREEN, proposal.name());

        ScreeningReport screening;
        try {
            List<String> models = Stream.concat(Stream.of(proposal.researcher()),
                    llmCalls.stream().map(LlmCall::model)).distinct().toList();
            screening = timed(() -> candidates.screen(new ScreenRequest(request.campaignId(), request.experimentId(),
                    source, profile.name(), request.seed(), request.parentId(), models)));
        } catch (ActivityFailure failure) {
            return finish(request, proposal, source, attempts, reasonOf(failure),
                    "screening did not finish: " + rootMessage(failure));
        }
        if (!screening.trained()) {
            return finish(request, proposal, source, attempts, screening.failure().orElse(FailureReason.CRASHED),
                    screening.diagnostic());
        }
        TrainingMetrics metrics = screening.metrics().orElseThrow();
        double baselineLoss = request.baselineLoss().orElse(metrics.validationLoss());
        OptionalDouble baselineBenchmark = request.role() == ExperimentRole.BASELINE
                ? metrics.benchmarkScore() : request.baselineBenchmark();
        OptionalDouble benchmarkTerm = baselineBenchmark.isPresent() && metrics.benchmarkScore().isPresent()
                ? OptionalDouble.of(Fitness.benchmarkTerm(baselineBenchmark.getAsDouble(),
                        metrics.benchmarkScore().getAsDouble()))
                : OptionalDouble.empty();
        Optional<JudgeScores> judged = request.role() == ExperimentRole.BASELINE
                ? Optional.empty() : judge(request, proposal, source, metrics);
        Optional<Analysis> analysis = request.role() == ExperimentRole.BASELINE
                ? Optional.empty() : analyse(request, proposal, source, metrics);
        OptionalDouble judgeTerm = judged.filter(JudgeScores::inFitness)
                .map(scores -> OptionalDouble.of(scores.term())).orElse(OptionalDouble.empty());
        FitnessScore fitness = Fitness.score(baselineLoss, metrics.validationLoss(), benchmarkTerm, judgeTerm);

        moveTo(ExperimentStep.RECORD, proposal.name());
        ExperimentRecord trained = record(request, proposal, source, attempts, ExperimentStatus.TRAINED,
                Optional.empty(), "", Optional.of(metrics), judged, analysis, OptionalDouble.of(fitness.value()));
        store.record(trained);
        if (request.searchAttributes()) {
            Workflow.upsertTypedSearchAttributes(ExperimentSearchAttributes.STATUS.valueSet("TRAINED"),
                    ExperimentSearchAttributes.FITNESS.valueSet(fitness.value()));
        }
        moveTo(ExperimentStep.DONE, proposal.name());
        return new ExperimentOutcome(request.experimentId(), proposal.name(), ExperimentStatus.TRAINED,
                Optional.empty(), OptionalDouble.of(metrics.validationLoss()), metrics.benchmarkScore(),
                OptionalDouble.of(fitness.value()), trained.llmCostUsd(), screenMillis / 1000.0);
    }

    @Override
    public ExperimentProgress progress() {
        return progress;
    }

    private CandidateActivities candidateStub(ScreeningProfile profile) {
        // The child process has its own wall-clock limit; the activity timeout adds slack for JVM start
        // and artifact upload. Heartbeats come from the training loop's progress.
        Duration limit = profile.checkTimeout().plus(profile.trainTimeout()).plusMinutes(2);
        return Workflow.newActivityStub(CandidateActivities.class, ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.GPU)
                .setStartToCloseTimeout(limit)
                .setHeartbeatTimeout(profile.heartbeatTimeout())
                .setRetryOptions(INFRASTRUCTURE_RETRIES)
                .build());
    }

    /** A proposal, and why it still repeats an earlier experiment when the re-proposals ran out. */
    private record Novel(Proposal proposal, Optional<String> stillRepeats) {
    }

    /**
     * Proposes, then asks the novelty check; a duplicate is proposed again with the repeated idea named
     * as one to avoid, at most {@link #NOVELTY_RETRIES} times. A novelty check that cannot run does not
     * stop the experiment: the proposal goes on unchecked.
     */
    private Novel proposeNovel(ExperimentRequest request) {
        ProposalRequest ask = new ProposalRequest(request.campaignId(), request.experimentId(),
                request.parentId().orElseThrow(), request.referenceIds(), request.seed(), List.of(), request.idea());
        Proposal proposal = research.propose(ask);
        llmCalls.addAll(proposal.calls());
        for (int retry = 0; ; retry++) {
            moveTo(ExperimentStep.NOVELTY, proposal.name());
            NoveltyVerdict verdict;
            try {
                verdict = novelty.check(new NoveltyRequest(request.campaignId(), request.experimentId(),
                        proposal.name(), proposal.motivation(), proposal.source()));
            } catch (ActivityFailure failure) {
                llmCalls.addAll(LlmCalls.carriedBy(failure));
                incidents.add("novelty check failed, so " + proposal.name() + " went on unchecked: "
                        + rootMessage(failure));
                return new Novel(proposal, Optional.empty());
            }
            llmCalls.addAll(verdict.calls());
            if (!verdict.duplicate()) {
                return new Novel(proposal, Optional.empty());
            }
            String repeated = proposal.name() + " repeats " + verdict.duplicateOf() + ": " + verdict.reason();
            if (retry >= NOVELTY_RETRIES) {
                return new Novel(proposal, Optional.of(repeated + " (still a duplicate after " + NOVELTY_RETRIES
                        + " new proposals)"));
            }
            moveTo(ExperimentStep.PROPOSE, proposal.name());
            ask = ask.avoiding(repeated);
            proposal = research.propose(ask);
            llmCalls.addAll(proposal.calls());
        }
    }

    /**
     * Checks the proposal's source; while it fails and rounds remain, sends the diagnostic to the
     * Engineer and checks the answer. Returns every attempt; the last one decides. Without an LLM the
     * Engineer declines and the first failure is final.
     */
    private List<ImplementationAttempt> implementAndRepair(ExperimentRequest request, Proposal proposal,
                                                           ScreeningProfile profile, CandidateActivities candidates) {
        List<ImplementationAttempt> attempts = new ArrayList<>();
        String source = proposal.source();
        String author = proposal.researcher();
        for (int round = 0; ; round++) {
            CheckReport check;
            try {
                String checked = source;
                int attempt = round;
                check = timed(() -> candidates.implement(new ImplementRequest(request.campaignId(),
                        request.experimentId(), attempt, checked, profile.name())));
            } catch (ActivityFailure failure) {
                attempts.add(new ImplementationAttempt(round, author, source, false, Optional.of(reasonOf(failure)),
                        "checks did not finish: " + rootMessage(failure), false));
                return attempts;
            }
            ImplementationAttempt attempt = new ImplementationAttempt(round, author, source, check.passed(),
                    check.failure(), check.diagnostic(), false);
            if (check.passed() || round >= request.repairRounds()) {
                attempts.add(attempt);
                return attempts;
            }
            moveTo(ExperimentStep.REPAIR, proposal.name());
            RepairAnswer answer;
            try {
                answer = engineer.repair(new RepairRequest(request.campaignId(), request.experimentId(), round + 1,
                        proposal.name(), proposal.motivation(), source, check.failure().orElseThrow(),
                        check.diagnostic()));
            } catch (ActivityFailure failure) {
                incidents.add("engineer failed in repair round " + (round + 1) + ": " + rootMessage(failure));
                answer = RepairAnswer.declined("engineer", "the Engineer failed: " + rootMessage(failure),
                        LlmCalls.carriedBy(failure));
            }
            llmCalls.addAll(answer.calls());
            if (!answer.repaired()) {
                attempts.add(attempt);
                return attempts;
            }
            attempts.add(attempt.markSentForRepair());
            source = answer.source();
            author = answer.engineer();
            moveTo(ExperimentStep.IMPLEMENT, proposal.name());
        }
    }

    /** The Judge's grades; a judge that cannot answer leaves the experiment unjudged, never failed. */
    private Optional<JudgeScores> judge(ExperimentRequest request, Proposal proposal, String source,
                                        TrainingMetrics metrics) {
        moveTo(ExperimentStep.JUDGE, proposal.name());
        try {
            JudgeAnswer answer = judges.judge(new JudgeRequest(request.campaignId(), request.experimentId(),
                    proposal.name(), proposal.motivation(), source, metrics));
            llmCalls.addAll(answer.calls());
            return Optional.of(answer.scores());
        } catch (ActivityFailure failure) {
            llmCalls.addAll(LlmCalls.carriedBy(failure));
            incidents.add("judge failed, so the experiment is unjudged: " + rootMessage(failure));
            return Optional.empty();
        }
    }

    /** The Analyst's account; an analyst that cannot answer leaves the experiment unanalysed. */
    private Optional<Analysis> analyse(ExperimentRequest request, Proposal proposal, String source,
                                       TrainingMetrics metrics) {
        moveTo(ExperimentStep.ANALYSE, proposal.name());
        try {
            AnalysisAnswer answer = analysts.analyse(new AnalysisRequest(request.campaignId(), request.experimentId(),
                    request.parentId(), proposal.name(), proposal.motivation(), source, metrics));
            llmCalls.addAll(answer.calls());
            return Optional.of(answer.analysis());
        } catch (ActivityFailure failure) {
            llmCalls.addAll(LlmCalls.carriedBy(failure));
            incidents.add("analyst failed, so the experiment is unanalysed: " + rootMessage(failure));
            return Optional.empty();
        }
    }

    private ExperimentOutcome finish(ExperimentRequest request, Proposal proposal, String source,
                                     List<ImplementationAttempt> attempts, FailureReason reason, String diagnostic) {
        moveTo(ExperimentStep.RECORD, proposal.name());
        ExperimentRecord failed = record(request, proposal, source, attempts, ExperimentStatus.FAILED,
                Optional.of(reason), diagnostic, Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalDouble.empty());
        store.record(failed);
        if (request.searchAttributes()) {
            Workflow.upsertTypedSearchAttributes(ExperimentSearchAttributes.STATUS.valueSet("FAILED"));
        }
        moveTo(ExperimentStep.DONE, proposal.name());
        return new ExperimentOutcome(request.experimentId(), proposal.name(), ExperimentStatus.FAILED,
                Optional.of(reason), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                failed.llmCostUsd(), screenMillis / 1000.0);
    }

    private ExperimentRecord record(ExperimentRequest request, Proposal proposal, String source,
                                    List<ImplementationAttempt> attempts, ExperimentStatus status,
                                    Optional<FailureReason> reason, String diagnostic,
                                    Optional<TrainingMetrics> metrics, Optional<JudgeScores> judged,
                                    Optional<Analysis> analysis, OptionalDouble fitness) {
        return new ExperimentRecord(request.experimentId(), request.campaignId(), request.role(),
                request.parentId(), request.referenceIds(), proposal.name(), proposal.motivation(),
                proposal.spec(), source, proposal.researcher(), status, reason, diagnostic, attempts, llmCalls, incidents,
                metrics,
                judged, analysis, fitness, ArtifactLayout.experimentPrefix(request.campaignId(), request.experimentId()),
                Workflow.currentTimeMillis());
    }

    private <T> T timed(Supplier<T> candidateActivity) {
        long started = Workflow.currentTimeMillis();
        try {
            return candidateActivity.get();
        } finally {
            screenMillis += Workflow.currentTimeMillis() - started;
        }
    }

    private void moveTo(ExperimentStep step, String name) {
        progress = new ExperimentProgress(progress.experimentId(), step, name);
    }

    private static FailureReason reasonOf(ActivityFailure failure) {
        return failure.getCause() instanceof TimeoutFailure ? FailureReason.TIMEOUT : FailureReason.CRASHED;
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
