package dev.asiarch.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.experiment.ImplementationAttempt;
import dev.asiarch.core.experiment.JudgeScores;
import dev.asiarch.core.fitness.Fitness;
import dev.asiarch.core.fitness.NoiseFloor;
import dev.asiarch.workflows.activities.ProposalRequest;
import dev.asiarch.workflows.campaign.CampaignInput;
import dev.asiarch.workflows.campaign.CampaignPhase;
import dev.asiarch.workflows.campaign.CampaignResult;
import dev.asiarch.workflows.campaign.CampaignSpec;
import dev.asiarch.workflows.campaign.CampaignState;
import dev.asiarch.workflows.campaign.CampaignWorkflowImpl;
import dev.asiarch.workflows.campaign.SearchStrategy;
import dev.asiarch.workflows.experiment.ExperimentWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.WorkflowReplayer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CampaignWorkflowTest {

    @RegisterExtension
    final FakeStack stack = new FakeStack();
    private final FakeActivities fakes = stack.fakes;

    private CampaignResult run(CampaignSpec spec) {
        return stack.campaign(spec.campaignId()).run(CampaignInput.of(spec), CampaignState.start());
    }

    @Test
    void measuresTheBaselineFirstAndCarriesOnPastAFailedCandidate() {
        fakes.losses.put("DeltaNet", 2.0);
        fakes.losses.put("Cand001", 1.9);
        fakes.losses.put("Cand003", 2.1);
        fakes.nonCausal.add("Cand002");

        CampaignResult result = run(CampaignSpec.of("c1", 3, "cpu-smoke", 7));

        assertThat(result.phase()).isEqualTo(CampaignPhase.FINISHED);
        assertThat(fakes.records).containsOnlyKeys("c1-e000", "c1-e001", "c1-e002", "c1-e003");
        assertThat(result.experiments()).isEqualTo(3);
        assertThat(result.trained()).isEqualTo(2);
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.runs()).isEqualTo(1);
        ExperimentRecord failed = fakes.records.get("c1-e002");
        assertThat(failed.status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(failed.failureReason()).contains(FailureReason.NON_CAUSAL);
        assertThat(failed.diagnostic()).contains("position 0");
        assertThat(fakes.records.get("c1-e000").fitness().getAsDouble()).isEqualTo(0.5);
        // Loss and benchmark terms averaged; the fakes score 0.5 on one task, like the baseline.
        assertThat(fakes.records.get("c1-e001").fitness().getAsDouble())
                .isEqualTo((Fitness.lossTerm(2.0, 1.9) + 0.5) / 2);
        assertThat(fakes.records.get("c1-e003").parentId()).contains("c1-e000");
        assertThat(fakes.campaigns).containsEntry("c1", "FINISHED");
        // The pool is rebuilt every 50 admissions, so at the end it holds the baseline and both admitted.
        assertThat(result.poolRanking()).containsExactly("c1-e001", "c1-e000", "c1-e003");
    }

    @Test
    void benchmarkAccuracyCountsInFitnessAndInTheCandidateFilter() {
        fakes.losses.put("DeltaNet", 2.0);
        fakes.benchmarks.put("DeltaNet", Map.of("mqar-64x8", 0.5));
        fakes.benchmarks.put("Cand001", Map.of("mqar-64x8", 0.55));
        fakes.benchmarks.put("Cand002", Map.of("mqar-64x8", 0.4));

        CampaignResult result = run(CampaignSpec.of("c6", 2, "cpu-smoke", 7));

        assertThat(fakes.records.get("c6-e001").fitness().getAsDouble())
                .isEqualTo((0.5 + Fitness.benchmarkTerm(0.5, 0.55)) / 2);
        assertThat(result.poolRanking()).containsExactly("c6-e001", "c6-e000");
    }

    @Test
    void aRefreshedPoolLetsCandidatesBecomeParents() {
        fakes.losses.put("DeltaNet", 2.0);
        fakes.losses.put("Cand001", 1.85);

        run(CampaignSpec.of("c2", 12, "cpu-smoke", 3).withPool(50, 1));

        assertThat(fakes.proposals).extracting(ProposalRequest::parentId).contains("c2-e001");
        assertThat(fakes.proposals.get(fakes.proposals.size() - 1).referenceIds()).isNotEmpty();
    }

    @Test
    void theRandomStrategyProposesEveryCandidateFromTheBaselineAndIsRecorded() throws Exception {
        fakes.losses.put("DeltaNet", 2.0);
        fakes.losses.put("Cand001", 1.85);

        run(CampaignSpec.of("r1", 6, "cpu-smoke", 3).withPool(50, 1).withStrategy(SearchStrategy.RANDOM));

        assertThat(fakes.proposals).hasSize(6).allSatisfy(p -> {
            assertThat(p.parentId()).isEqualTo("r1-e000");
            assertThat(p.referenceIds()).isEmpty();
        });
        assertThat(fakes.store.campaign("r1").orElseThrow().strategy()).isEqualTo("random");
        WorkflowReplayer.replayWorkflowExecution(stack.client().fetchHistory("r1"), CampaignWorkflowImpl.class);
    }

    @Test
    void aNoiseFloorScreensTheBaselineWithMoreSeedsBeforeTheCandidates() throws Exception {
        fakes.losses.put("DeltaNet", 2.0);
        fakes.screenFailures.add("nf-e000-seed3");

        run(CampaignSpec.of("nf", 1, "cpu-smoke", 7).withBaselineSeeds(4));

        // Its own run and two of three further seeds trained; the third is recorded as failed.
        NoiseFloor floor = fakes.store.noiseFloor("nf").orElseThrow();
        assertThat(floor.runs()).extracting(NoiseFloor.Run::seed).containsExactly(7L, 1_000_007L, 2_000_007L);
        assertThat(floor.loss().sd()).isGreaterThan(0);
        assertThat(fakes.store.baselineSeedFailures("nf")).containsExactly(Map.entry(3_000_007L, "DIVERGED"));
        assertThat(fakes.store.campaign("nf").orElseThrow().baselineSeeds()).isEqualTo(4);
        assertThat(fakes.records).containsOnlyKeys("nf-e000", "nf-e001");
        WorkflowReplayer.replayWorkflowExecution(stack.client().fetchHistory("nf"), CampaignWorkflowImpl.class);
    }

    @Test
    void aFailedBaselineEndsTheCampaignAsFailed() {
        fakes.nonCausal.add("DeltaNet");

        CampaignResult result = run(CampaignSpec.of("c3", 2, "cpu-smoke", 1));

        assertThat(result.phase()).isEqualTo(CampaignPhase.FAILED);
        assertThat(result.experiments()).isZero();
        assertThat(fakes.records).containsOnlyKeys("c3-e000");
        assertThat(fakes.campaigns).containsEntry("c3", "FAILED");
    }

    @Test
    void screeningThatKeepsCrashingIsRecordedAfterItsRetries() {
        fakes.screeningCrashes = true;

        CampaignResult result = run(CampaignSpec.of("c4", 1, "cpu-smoke", 1));

        assertThat(result.phase()).isEqualTo(CampaignPhase.FAILED);
        ExperimentRecord baseline = fakes.records.get("c4-e000");
        assertThat(baseline.failureReason()).contains(FailureReason.CRASHED);
        assertThat(baseline.diagnostic()).contains("worker lost its device");
    }

    @Test
    void aCandidateThatFailsItsChecksIsRepairedByTheEngineerAndTrained() {
        fakes.nonCausal.add("Cand001");
        fakes.repairable.add("Cand001");
        fakes.losses.put("Cand001-fixed", 1.9);

        run(CampaignSpec.of("c7", 1, "cpu-smoke", 7));

        ExperimentRecord repaired = fakes.records.get("c7-e001");
        assertThat(repaired.status()).isEqualTo(ExperimentStatus.TRAINED);
        assertThat(repaired.source()).isEqualTo("src:Cand001-fixed");
        assertThat(repaired.attempts()).extracting(ImplementationAttempt::round, ImplementationAttempt::author,
                        ImplementationAttempt::passed, ImplementationAttempt::sentForRepair)
                .containsExactly(tuple(0, "fake", false, true), tuple(1, "fake-engineer", true, false));
        assertThat(repaired.attempts().get(0).diagnostic()).isEqualTo("output at position 0 changed");
        assertThat(fakes.repairs).singleElement().satisfies(request -> {
            assertThat(request.diagnostic()).isEqualTo("output at position 0 changed");
            assertThat(request.failure()).isEqualTo(FailureReason.NON_CAUSAL);
            assertThat(request.round()).isEqualTo(1);
        });
    }

    @Test
    void repairsStopAfterTheConfiguredRoundsAndEveryAttemptIsKept() {
        fakes.nonCausal.add("Cand001");
        fakes.stubborn.add("Cand001");

        run(CampaignSpec.of("c8", 1, "cpu-smoke", 7).withRepairRounds(2));

        ExperimentRecord failed = fakes.records.get("c8-e001");
        assertThat(failed.failureReason()).contains(FailureReason.NON_CAUSAL);
        assertThat(failed.attempts()).extracting(ImplementationAttempt::source)
                .containsExactly("src:Cand001", "src:Cand001+", "src:Cand001++");
        assertThat(failed.attempts()).extracting(ImplementationAttempt::sentForRepair).containsExactly(true, true, false);
        assertThat(failed.source()).isEqualTo("src:Cand001++");
        assertThat(failed.llmCalls()).containsExactly(FakeActivities.CALL, FakeActivities.CALL);
        assertThat(failed.llmCostUsd()).isEqualTo(0.025);
    }

    @Test
    void aSpentLlmBudgetStopsNewProposalsAndLetsTheRunningExperimentFinish() {
        // Every candidate fails its check once and is repaired for $0.0125; the cap is $0.03.
        for (String label : new String[] {"Cand001", "Cand002", "Cand003", "Cand004", "Cand005"}) {
            fakes.nonCausal.add(label);
            fakes.repairable.add(label);
        }

        CampaignResult result = run(CampaignSpec.of("c10", 5, "cpu-smoke", 7).withBudgets(0.03, 0));

        assertThat(result.phase()).isEqualTo(CampaignPhase.BUDGET_REACHED);
        // $0.0125 and $0.025 are under the cap, so a third experiment starts; it takes the spend to
        // $0.0375, and no fourth is proposed.
        assertThat(fakes.records).containsOnlyKeys("c10-e000", "c10-e001", "c10-e002", "c10-e003");
        assertThat(fakes.records.get("c10-e003").status()).isEqualTo(ExperimentStatus.TRAINED);
        assertThat(result.experiments()).isEqualTo(3);
        assertThat(result.spentUsd()).isCloseTo(0.0375, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(fakes.campaigns).containsEntry("c10", "BUDGET_REACHED");
    }

    @Test
    void aResearcherThatGivesUpIsARecordedFailureWithTheCallsItCost() {
        fakes.unusable.add("c11-e001");

        CampaignResult result = run(CampaignSpec.of("c11", 2, "cpu-smoke", 7));

        ExperimentRecord failed = fakes.records.get("c11-e001");
        assertThat(failed.failureReason()).contains(FailureReason.NO_PROPOSAL);
        assertThat(failed.diagnostic()).contains("2 answers that could not be used");
        assertThat(failed.llmCalls()).containsExactly(FakeActivities.CALL, FakeActivities.CALL);
        assertThat(result.experiments()).isEqualTo(2);
        assertThat(result.failed()).isEqualTo(1);
    }

    @Test
    void aDuplicateIsProposedAgainWithTheRepeatedIdeaNamed() {
        fakes.duplicates.add("Cand001");
        fakes.losses.put("Cand001v1", 1.95);

        run(CampaignSpec.of("c12", 1, "cpu-smoke", 7));

        ExperimentRecord record = fakes.records.get("c12-e001");
        assertThat(record.status()).isEqualTo(ExperimentStatus.TRAINED);
        assertThat(record.name()).isEqualTo("Cand001v1");
        assertThat(fakes.avoided.get("c12-e001")).singleElement().asString()
                .contains("Cand001 repeats c-e000: same idea as the seed");
        assertThat(record.llmCalls()).containsExactly(FakeActivities.CALL);
    }

    @Test
    void aProposalThatStaysADuplicateIsRecordedAsOne() {
        fakes.duplicates.addAll(java.util.List.of("Cand001", "Cand001v1", "Cand001v2", "Cand001v3"));

        run(CampaignSpec.of("c13", 1, "cpu-smoke", 7));

        ExperimentRecord record = fakes.records.get("c13-e001");
        assertThat(record.failureReason()).contains(FailureReason.DUPLICATE);
        assertThat(record.diagnostic()).contains("Cand001v3 repeats c-e000").contains("after 3 new proposals");
        assertThat(record.attempts()).isEmpty();
    }

    @Test
    void aModelJudgesGradesEnterTheFitnessAndTheOfflineRulesDoNot() {
        fakes.losses.put("Cand001", 1.9);
        fakes.losses.put("Cand002", 1.9);
        fakes.judgeScores.put("Cand001", new JudgeScores(7, 6, 8, "good", "judge-model", true));
        fakes.judgeScores.put("Cand002", new JudgeScores(7, 5.5, 8, "measured", "offline (measured)", false));

        run(CampaignSpec.of("c14", 3, "cpu-smoke", 7));

        double loss = Fitness.lossTerm(2.0, 1.9);
        ExperimentRecord judged = fakes.records.get("c14-e001");
        assertThat(judged.judge()).map(JudgeScores::rationale).contains("good");
        assertThat(judged.fitness().getAsDouble())
                .isEqualTo((loss + 0.5 + Fitness.judgeTerm(7, 6, 8)) / 3);
        assertThat(fakes.records.get("c14-e002").fitness().getAsDouble()).isEqualTo((loss + 0.5) / 2);
        assertThat(fakes.records.get("c14-e002").judge()).isPresent();
        // A judge that fails leaves the experiment trained and unjudged.
        assertThat(fakes.records.get("c14-e003").judge()).isEmpty();
        assertThat(fakes.records.get("c14-e003").status()).isEqualTo(ExperimentStatus.TRAINED);
        assertThat(fakes.records.get("c14-e000").judge()).isEmpty();
    }

    @Test
    void withoutAnEngineerTheFirstFailedCheckIsFinal() {
        fakes.nonCausal.add("Cand001");

        run(CampaignSpec.of("c9", 1, "cpu-smoke", 7));

        ExperimentRecord failed = fakes.records.get("c9-e001");
        assertThat(failed.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.passed()).isFalse();
            assertThat(attempt.sentForRepair()).isFalse();
        });
        assertThat(fakes.repairs).hasSize(1);
    }

    @Test
    void historiesReplayAgainstTheCurrentWorkflowCode() throws Exception {
        fakes.nonCausal.add("Cand002v1");
        fakes.duplicates.add("Cand002");
        fakes.nonCausal.add("Cand001");
        fakes.repairable.add("Cand001");
        fakes.judgeScores.put("Cand001", new JudgeScores(6, 6, 6, "fine", "judge-model", true));
        run(CampaignSpec.of("c5", 2, "cpu-smoke", 5));

        WorkflowClient client = stack.client();
        WorkflowReplayer.replayWorkflowExecution(client.fetchHistory("c5"), CampaignWorkflowImpl.class);
        for (String experiment : new String[] {"c5-e000", "c5-e001", "c5-e002"}) {
            WorkflowReplayer.replayWorkflowExecution(client.fetchHistory(experiment), ExperimentWorkflowImpl.class);
        }
        assertThat(fakes.records.get("c5-e002").failureReason()).isEqualTo(Optional.of(FailureReason.NON_CAUSAL));
        assertThat(fakes.records.get("c5-e002").name()).isEqualTo("Cand002v1");
        assertThat(fakes.records.get("c5-e001").judge()).isPresent();
        assertThat(fakes.records.get("c5-e001").analysis()).map(a -> a.resultsAnalysis()).contains("r c5-e000");
        assertThat(fakes.records.get("c5-e000").analysis()).isEmpty();
    }

    /**
     * Two runs of a campaign recorded before the workflow took a {@code CampaignInput}: started with a
     * {@code CampaignSpec} and a {@code CampaignState}, and continued as new with them. Campaigns running
     * when the new code is deployed must replay.
     */
    @Test
    void historiesOfCampaignsStartedWithACampaignSpecReplay() throws Exception {
        for (String run : new String[] {"campaign-first-run.json", "campaign-continued-run.json"}) {
            try (var history = getClass().getResourceAsStream("/histories/" + run)) {
                WorkflowReplayer.replayWorkflowExecution(new String(history.readAllBytes(), StandardCharsets.UTF_8),
                        CampaignWorkflowImpl.class);
            }
        }
    }
}
