package dev.asiarch.workflows.experiment;

import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.experiment.ArtifactLayout;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.experiment.ImplementationAttempt;
import dev.asiarch.core.experiment.JudgeScores;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.fitness.Baseline;
import dev.asiarch.core.fitness.Fitness;
import dev.asiarch.core.fitness.FitnessScore;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.core.program.SeedPrograms;
import dev.asiarch.workflows.ExperimentSearchAttributes;
import dev.asiarch.workflows.Stubs;
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
import dev.asiarch.workflows.experiment.AgentLedger.Asked;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * One experiment, top to bottom: propose (and propose again while the idea repeats an earlier one),
 * implement and repair, screen, review (judge and analyse), record. Each step either goes on or ends the
 * experiment with its reason; a candidate's own failure is a recorded experiment, never a failed workflow.
 * Every agent call, answered or not, is kept in the record with its cost.
 */
public class ExperimentWorkflowImpl implements ExperimentWorkflow {

    /** New proposals asked for after a duplicate (ASI-Arch allowed 10). */
    static final int NOVELTY_RETRIES = 3;

    private final StoreActivities store = Stubs.store();
    private final ResearchActivities research = Stubs.agent(ResearchActivities.class);
    private final NoveltyActivities novelty = Stubs.agent(NoveltyActivities.class);
    private final EngineerActivities engineer = Stubs.agent(EngineerActivities.class);
    private final JudgeActivities judges = Stubs.agent(JudgeActivities.class);
    private final AnalystActivities analysts = Stubs.agent(AnalystActivities.class);

    private final AgentLedger agents = new AgentLedger();
    private ExperimentRequest request;
    private ScreeningProfile profile;
    private CandidateActivities candidates;
    private ExperimentProgress progress = new ExperimentProgress("", ExperimentStep.PROPOSE, "");
    /** Wall time spent in candidate activities, the campaign's measure of GPU time. */
    private long screenMillis;

    @Override
    public ExperimentOutcome run(ExperimentRequest request) {
        begin(request);
        return propose()
                .then(this::implementAndRepair)
                .then(this::screen)
                .map(this::review)
                .fold(this::recordTrained, this::recordEnding);
    }

    @Override
    public ExperimentProgress progress() {
        return progress;
    }

    private void begin(ExperimentRequest request) {
        this.request = request;
        profile = ScreeningProfiles.byName(request.profile());
        candidates = Stubs.candidates(profile);
        progress = new ExperimentProgress(request.experimentId(), ExperimentStep.PROPOSE, "");
    }

    /**
     * The baseline's seed program, or a candidate's proposal, checked for novelty: a duplicate is proposed
     * again with the repeated idea named as one to avoid, at most {@link #NOVELTY_RETRIES} times. A novelty
     * check that cannot run does not stop the experiment: the proposal goes on unchecked.
     */
    private Stage<Proposal> propose() {
        if (request.role() == ExperimentRole.BASELINE) {
            return proposed(agents.ask(() -> research.seedProposal(new SeedRequest(request.campaignId(),
                    request.experimentId(), SeedPrograms.DELTA_NET))));
        }
        ProposalRequest ask = new ProposalRequest(request.campaignId(), request.experimentId(),
                request.parentId().orElseThrow(), request.referenceIds(), request.seed(), List.of(), request.idea());
        for (int retry = 0; ; retry++) {
            ProposalRequest asking = ask;
            Stage<Proposal> proposal = proposed(agents.ask(() -> research.propose(asking)));
            if (!(proposal instanceof Stage.Next<Proposal> next)) {
                return proposal;
            }
            Optional<NoveltyVerdict.Duplicate> duplicate = duplicateOf(next.value());
            if (duplicate.isEmpty()) {
                return proposal;
            }
            String repeated = next.value().name() + " repeats " + duplicate.get().duplicateOf() + ": "
                    + duplicate.get().reason();
            if (retry >= NOVELTY_RETRIES) {
                return Stage.ended(new Ending(FailureReason.DUPLICATE, repeated + " (still a duplicate after "
                        + NOVELTY_RETRIES + " new proposals)", next.value(), next.value().source(), List.of()));
            }
            moveTo(ExperimentStep.PROPOSE, next.value().name());
            ask = ask.avoiding(repeated);
        }
    }

    private static Stage<Proposal> proposed(Asked<Proposal> asked) {
        if (asked instanceof Asked.Answered<Proposal> answered) {
            return Stage.next(answered.answer());
        }
        return Stage.ended(Ending.withoutProposal("researcher failed: " + ((Asked.Failed<Proposal>) asked).why()));
    }

    private Optional<NoveltyVerdict.Duplicate> duplicateOf(Proposal proposal) {
        moveTo(ExperimentStep.NOVELTY, proposal.name());
        return agents.ask(() -> novelty.check(new NoveltyRequest(request.campaignId(), request.experimentId(),
                        proposal.name(), proposal.motivation(), proposal.source())))
                .orIncident(agents, "novelty check failed, so " + proposal.name() + " went on unchecked")
                .filter(NoveltyVerdict.Duplicate.class::isInstance)
                .map(NoveltyVerdict.Duplicate.class::cast);
    }

    /**
     * Checks the proposal's source; while it fails and rounds remain, sends the diagnostic to the Engineer
     * and checks the answer. Without an LLM the Engineer declines and the first failure is final.
     */
    private Stage<Candidate> implementAndRepair(Proposal proposal) {
        moveTo(ExperimentStep.IMPLEMENT, proposal.name());
        List<ImplementationAttempt> attempts = new ArrayList<>();
        String source = proposal.source();
        String author = proposal.researcher();
        for (int round = 0; ; round++) {
            CheckReport check;
            try {
                check = check(round, source);
            } catch (ActivityFailure failure) {
                attempts.add(ImplementationAttempt.failed(round, author, source, reasonOf(failure),
                        "checks did not finish: " + AgentLedger.rootMessage(failure)));
                return Stage.ended(failedAt(proposal, attempts));
            }
            if (check instanceof CheckReport.Failed failed) {
                ImplementationAttempt attempt = ImplementationAttempt.failed(round, author, source, failed.failure(),
                        failed.diagnostic());
                Optional<RepairAnswer.Repaired> repaired = round < request.repairRounds()
                        ? repair(proposal, round + 1, source, failed) : Optional.empty();
                attempts.add(repaired.isPresent() ? attempt.markSentForRepair() : attempt);
                if (repaired.isEmpty()) {
                    return Stage.ended(failedAt(proposal, attempts));
                }
                source = repaired.get().source();
                author = repaired.get().engineer();
                moveTo(ExperimentStep.IMPLEMENT, proposal.name());
                continue;
            }
            attempts.add(ImplementationAttempt.passed(round, author, source));
            return Stage.next(new Candidate(proposal, source, attempts));
        }
    }

    /** One source through compile, policy and the checks on the gpu queue. */
    private CheckReport check(int round, String source) {
        return timed(() -> candidates.implement(new ImplementRequest(request.campaignId(), request.experimentId(),
                round, source, profile.name())));
    }

    /** The experiment ends with its last attempt's failure. */
    private static Ending failedAt(Proposal proposal, List<ImplementationAttempt> attempts) {
        ImplementationAttempt last = attempts.get(attempts.size() - 1);
        return new Ending(last.failure().orElseThrow(), last.diagnostic(), proposal, last.source(), attempts);
    }

    private Optional<RepairAnswer.Repaired> repair(Proposal proposal, int round, String source,
                                                   CheckReport.Failed failed) {
        moveTo(ExperimentStep.REPAIR, proposal.name());
        return agents.ask(() -> engineer.repair(new RepairRequest(request.campaignId(), request.experimentId(), round,
                        proposal.name(), proposal.motivation(), source, failed.failure(), failed.diagnostic())))
                .orIncident(agents, "engineer failed in repair round " + round)
                .filter(RepairAnswer.Repaired.class::isInstance)
                .map(RepairAnswer.Repaired.class::cast);
    }

    /** Trains the candidate on the profile; a run that fails, or that never finishes, ends the experiment. */
    private Stage<Candidate.Screened> screen(Candidate candidate) {
        moveTo(ExperimentStep.SCREEN, candidate.proposal().name());
        ScreeningReport screening;
        try {
            screening = timed(() -> candidates.screen(new ScreenRequest(request.campaignId(), request.experimentId(),
                    candidate.source(), profile.name(), request.seed(), request.parentId(),
                    agents.models(candidate.proposal().researcher()))));
        } catch (ActivityFailure failure) {
            return Stage.ended(ending(candidate, reasonOf(failure),
                    "screening did not finish: " + AgentLedger.rootMessage(failure)));
        }
        if (screening instanceof ScreeningReport.Failed failed) {
            return Stage.ended(ending(candidate, failed.failure(), failed.diagnostic()));
        }
        return Stage.next(new Candidate.Screened(candidate, ((ScreeningReport.Trained) screening).metrics()));
    }

    /** The judge's grades and the analyst's account; the baseline is neither, and either may fail to answer. */
    private Candidate.Reviewed review(Candidate.Screened screened) {
        if (request.role() == ExperimentRole.BASELINE) {
            return new Candidate.Reviewed(screened, Optional.empty(), Optional.empty());
        }
        Candidate candidate = screened.candidate();
        Proposal proposal = candidate.proposal();
        moveTo(ExperimentStep.JUDGE, proposal.name());
        Optional<JudgeScores> judged = agents.ask(() -> judges.judge(new JudgeRequest(request.campaignId(),
                        request.experimentId(), proposal.name(), proposal.motivation(), candidate.source(),
                        screened.metrics())))
                .orIncident(agents, "judge failed, so the experiment is unjudged")
                .map(JudgeAnswer::scores);
        moveTo(ExperimentStep.ANALYSE, proposal.name());
        Optional<Analysis> analysis = agents.ask(() -> analysts.analyse(new AnalysisRequest(request.campaignId(),
                        request.experimentId(), request.parentId(), proposal.name(), proposal.motivation(),
                        candidate.source(), screened.metrics())))
                .orIncident(agents, "analyst failed, so the experiment is unanalysed")
                .map(AnalysisAnswer::analysis);
        return new Candidate.Reviewed(screened, judged, analysis);
    }

    private ExperimentOutcome recordTrained(Candidate.Reviewed reviewed) {
        Candidate candidate = reviewed.screened().candidate();
        TrainingMetrics metrics = reviewed.screened().metrics();
        Baseline baseline = Baseline.forExperiment(request.role(), request.baselineLoss(), request.baselineBenchmark(),
                metrics);
        FitnessScore fitness = Fitness.of(baseline, metrics, reviewed.judge());
        moveTo(ExperimentStep.RECORD, candidate.proposal().name());
        ExperimentRecord trained = record(candidate.proposal(), candidate.source(), candidate.attempts(),
                ExperimentStatus.TRAINED, Optional.empty(), "", Optional.of(metrics), reviewed.judge(),
                reviewed.analysis(), OptionalDouble.of(fitness.value()));
        store.record(trained);
        if (request.searchAttributes()) {
            Workflow.upsertTypedSearchAttributes(ExperimentSearchAttributes.STATUS.valueSet("TRAINED"),
                    ExperimentSearchAttributes.FITNESS.valueSet(fitness.value()));
        }
        moveTo(ExperimentStep.DONE, candidate.proposal().name());
        return new ExperimentOutcome.Trained(request.experimentId(), candidate.proposal().name(),
                metrics.validationLoss(), metrics.benchmarkScore(), fitness.value(), trained.llmCostUsd(),
                screenMillis / 1000.0);
    }

    private ExperimentOutcome recordEnding(Ending ending) {
        moveTo(ExperimentStep.RECORD, ending.proposal().name());
        ExperimentRecord failed = record(ending.proposal(), ending.source(), ending.attempts(), ExperimentStatus.FAILED,
                Optional.of(ending.reason()), ending.diagnostic(), Optional.empty(), Optional.empty(),
                Optional.empty(), OptionalDouble.empty());
        store.record(failed);
        if (request.searchAttributes()) {
            Workflow.upsertTypedSearchAttributes(ExperimentSearchAttributes.STATUS.valueSet("FAILED"));
        }
        moveTo(ExperimentStep.DONE, ending.proposal().name());
        return new ExperimentOutcome.Failed(request.experimentId(), ending.proposal().name(), ending.reason(),
                failed.llmCostUsd(), screenMillis / 1000.0);
    }

    private ExperimentRecord record(Proposal proposal, String source, List<ImplementationAttempt> attempts,
                                    ExperimentStatus status, Optional<FailureReason> reason, String diagnostic,
                                    Optional<TrainingMetrics> metrics, Optional<JudgeScores> judged,
                                    Optional<Analysis> analysis, OptionalDouble fitness) {
        return new ExperimentRecord(request.experimentId(), request.campaignId(), request.role(),
                request.parentId(), proposal.secondParentId(), request.referenceIds(), proposal.name(),
                proposal.motivation(), proposal.spec(), source, proposal.researcher(), status, reason, diagnostic, attempts, agents.calls(),
                agents.incidents(), metrics, judged, analysis, fitness,
                ArtifactLayout.experimentPrefix(request.campaignId(), request.experimentId()),
                Workflow.currentTimeMillis());
    }

    private static Ending ending(Candidate candidate, FailureReason reason, String diagnostic) {
        return new Ending(reason, diagnostic, candidate.proposal(), candidate.source(), candidate.attempts());
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
}
