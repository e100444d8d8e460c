package dev.asiarch.workflows;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.store.StoreActivitiesImpl;
import dev.asiarch.activities.testing.Databases;
import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.experiment.JudgeScores;
import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.validation.ValidationResult;
import dev.asiarch.workflows.activities.BaselineSeeds;
import dev.asiarch.workflows.activities.CampaignOpening;
import dev.asiarch.workflows.activities.CandidateActivities;
import dev.asiarch.workflows.activities.CheckReport;
import dev.asiarch.workflows.activities.EngineerActivities;
import dev.asiarch.workflows.activities.ImplementRequest;
import dev.asiarch.workflows.activities.AnalysisAnswer;
import dev.asiarch.workflows.activities.AnalysisRequest;
import dev.asiarch.workflows.activities.AnalystActivities;
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
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Stand-ins for the agents and the GPU worker, for workflow logic tests: sources are labels, and
 * "training" returns a loss looked up by the proposal's name. The store is the real one, on a fresh
 * in-memory H2 with the real schema, so a workflow that writes what the schema refuses (a record before its
 * campaign, say) fails here; the maps hold what the store read back, for the tests to look at.
 */
final class FakeActivities implements ResearchActivities, NoveltyActivities, EngineerActivities, JudgeActivities,
        AnalystActivities, CandidateActivities, StoreActivities {

    /** What every repair of the fake Engineer costs. */
    static final LlmCall CALL = new LlmCall("engineer", "fake-engineer", 1200, 800, 0.0125, "```java ...```");

    final ExperimentStore store = new ExperimentStore(Databases.h2());
    private final StoreActivities realStore = new StoreActivitiesImpl(store);
    /** Every record the store accepted, as it reads it back. */
    final Map<String, ExperimentRecord> records = new ConcurrentHashMap<>();
    final List<ProposalRequest> proposals = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> campaigns = new ConcurrentHashMap<>();
    /** Validation loss by source label; a label listed in {@link #nonCausal} fails its checks. */
    final Map<String, Double> losses = new ConcurrentHashMap<>();
    /** Benchmark accuracies by source label; absent labels score 0.5 on one task. */
    final Map<String, Map<String, Double>> benchmarks = new ConcurrentHashMap<>();
    final List<String> nonCausal = Collections.synchronizedList(new ArrayList<>());
    volatile boolean screeningCrashes;
    /** Labels the fake Engineer repairs (to {@code <label>-fixed}, which passes); it declines the rest. */
    final List<String> repairable = Collections.synchronizedList(new ArrayList<>());
    /** Labels whose every repair fails again (the Engineer answers {@code <label>+}, still broken). */
    final List<String> stubborn = Collections.synchronizedList(new ArrayList<>());
    /** Grades by proposal name; the fake Judge fails (and the experiment stays unjudged) for the others. */
    final Map<String, JudgeScores> judgeScores = new ConcurrentHashMap<>();
    /** Proposal names the fake novelty check calls duplicates. */
    final List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
    /** The ideas to avoid each experiment's last proposal request carried. */
    final Map<String, List<String>> avoided = new ConcurrentHashMap<>();
    /** Experiments whose researcher gives only unusable answers. */
    final List<String> unusable = Collections.synchronizedList(new ArrayList<>());
    final List<RepairRequest> repairs = Collections.synchronizedList(new ArrayList<>());
    final Map<String, ValidationResult> validations = new ConcurrentHashMap<>();
    /** Screenings (by run id) that end DIVERGED. */
    final List<String> screenFailures = Collections.synchronizedList(new ArrayList<>());
    /** Validation-loss noise added per seed, so that seeds differ. */
    volatile double seedNoise = 0.01;
    /** The loss of labels absent from {@link #losses}. */
    volatile ToDoubleFunction<String> defaultLoss = label -> 2.0;
    /** Labels whose screening waits until the test opens their gate; each is counted down when reached. */
    final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    final Map<String, CountDownLatch> reached = new ConcurrentHashMap<>();

    /** Holds the screening of {@code label} until {@link #open} is called for it. */
    void gate(String label) {
        gates.put(label, new CountDownLatch(1));
        reached.put(label, new CountDownLatch(1));
    }

    void awaitReached(String label) throws InterruptedException {
        if (!reached.get(label).await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the screening of " + label + " never started");
        }
    }

    void open(String label) {
        gates.get(label).countDown();
    }

    @Override
    public Proposal seedProposal(SeedRequest request) {
        return new Proposal("DeltaNet", "seed", Optional.empty(), "src:DeltaNet", "seed", List.of());
    }

    @Override
    public Proposal propose(ProposalRequest request) {
        proposals.add(request);
        if (unusable.contains(request.experimentId())) {
            throw ApplicationFailure.newNonRetryableFailure("the researcher gave 2 answers that could not be used",
                    "UnusableAnswer", new LlmCalls(List.of(CALL, CALL)));
        }
        // A re-proposal (after a duplicate) gets a new name: Cand001, Cand001v1, Cand001v2, ...
        String name = "Cand" + request.experimentId().substring(request.experimentId().length() - 3)
                + (request.avoid().isEmpty() ? "" : "v" + request.avoid().size());
        avoided.put(request.experimentId(), request.avoid());
        return new Proposal(name, "evolves " + request.parentId(), Optional.empty(), "src:" + name, "fake", List.of());
    }

    @Override
    public JudgeAnswer judge(JudgeRequest request) {
        JudgeScores scores = judgeScores.get(request.name());
        if (scores == null) {
            throw ApplicationFailure.newNonRetryableFailure("no judge for " + request.name(), "UnusableAnswer",
                    new LlmCalls(List.of()));
        }
        return new JudgeAnswer(scores, List.of(CALL));
    }

    @Override
    public AnalysisAnswer analyse(AnalysisRequest request) {
        return new AnalysisAnswer(new Analysis("d", "r " + request.parentId().orElse("-"), "e", "t", "s",
                "fake-analyst"), List.of());
    }

    @Override
    public NoveltyVerdict check(NoveltyRequest request) {
        return duplicates.contains(request.name())
                ? NoveltyVerdict.duplicateOf("c-e000", "fake-novelty", "same idea as the seed", List.of(CALL))
                : NoveltyVerdict.novel("fake-novelty", "new", List.of());
    }

    @Override
    public RepairAnswer repair(RepairRequest request) {
        repairs.add(request);
        String label = request.source().substring(4);
        if (repairable.contains(label)) {
            return RepairAnswer.repaired("src:" + label + "-fixed", "fake-engineer", List.of(CALL));
        }
        String root = label.replace("+", "");
        if (stubborn.contains(root)) {
            nonCausal.add(label + "+");
            return RepairAnswer.repaired("src:" + label + "+", "fake-engineer", List.of(CALL));
        }
        return RepairAnswer.declined("fake-engineer", "cannot repair " + label, List.of());
    }

    @Override
    public CheckReport implement(ImplementRequest request) {
        String label = request.source().substring(4);
        return nonCausal.contains(label)
                ? CheckReport.fail(FailureReason.NON_CAUSAL, "output at position 0 changed")
                : CheckReport.pass(1234);
    }

    @Override
    public ScreeningReport screen(ScreenRequest request) {
        if (screeningCrashes) {
            throw new IllegalStateException("worker lost its device");
        }
        String label = request.source().substring(4);
        if (screenFailures.contains(request.experimentId())) {
            return ScreeningReport.failed(FailureReason.DIVERGED, "training loss was NaN at step 3");
        }
        if (gates.containsKey(label)) {
            reached.get(label).countDown();
            try {
                if (!gates.get(label).await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the gate of " + label + " was never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at the gate of " + label, e);
            }
        }
        double loss = losses.containsKey(label) ? losses.get(label) : defaultLoss.applyAsDouble(label);
        if (request.experimentId().contains("-val-s") || request.experimentId().contains("-seed")) {
            // Validation and noise-floor runs: each seed lands a little apart, -1, 0 or +1 noise steps, in an order
            // of the design's own (the baseline's is 0, +1, -1 for seeds 1, 2, 3), as seeds move designs apart.
            loss += seedNoise * (Math.floorMod(request.seed() + (label.equals("DeltaNet") ? 0 : label.length()), 3) - 1);
        }
        return ScreeningReport.trained(new TrainingMetrics(loss, loss, List.of(3.0, loss), 1, 1000, 1234, 1,
                benchmarks.getOrDefault(request.source().substring(4), Map.of("mqar-64x8", 0.5))));
    }

    @Override
    public void openCampaign(CampaignOpening campaign) {
        realStore.openCampaign(campaign);
        campaigns.put(campaign.campaignId(), store.campaignStatus(campaign.campaignId()).orElseThrow());
    }

    @Override
    public void record(ExperimentRecord record) {
        realStore.record(record);
        records.put(record.experimentId(), store.find(record.experimentId()).orElseThrow());
    }

    @Override
    public void closeCampaign(String campaignId, String status, long finishedAtMillis) {
        realStore.closeCampaign(campaignId, status, finishedAtMillis);
        campaigns.put(campaignId, store.campaignStatus(campaignId).orElseThrow());
    }

    @Override
    public String sourceOf(String experimentId) {
        return realStore.sourceOf(experimentId);
    }

    @Override
    public void recordValidation(ValidationResult result) {
        realStore.recordValidation(result);
        validations.putIfAbsent(result.experimentId(), result);
    }

    @Override
    public void recordBaselineSeeds(BaselineSeeds seeds) {
        realStore.recordBaselineSeeds(seeds);
    }

    @Override
    public void recordFidelity(String campaignId, String profile) {
        realStore.recordFidelity(campaignId, profile);
    }
}
