package dev.asiarch.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.pool.CandidateFilter;
import dev.asiarch.core.pool.PoolEntry;
import dev.asiarch.workflows.activities.ProposalRequest;
import dev.asiarch.workflows.campaign.CampaignInput;
import dev.asiarch.workflows.campaign.CampaignPhase;
import dev.asiarch.workflows.campaign.CampaignProgress;
import dev.asiarch.workflows.campaign.CampaignResult;
import dev.asiarch.workflows.campaign.CampaignSpec;
import dev.asiarch.workflows.campaign.CampaignState;
import dev.asiarch.workflows.campaign.CampaignWorkflow;
import dev.asiarch.workflows.campaign.CampaignWorkflowImpl;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.WorkflowReplayer;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A running campaign steered by signals (pause, resume, pin, ban, inject, stop) and by updates that answer
 * or are refused with the reason, experiments in parallel, and a long campaign that continues as new with
 * its pool intact.
 */
class CampaignSteeringTest {

    @RegisterExtension
    final FakeStack stack = new FakeStack();
    private final FakeActivities fakes = stack.fakes;

    private CampaignWorkflow begin(CampaignSpec spec) {
        CampaignWorkflow campaign = stack.campaign(spec.campaignId());
        WorkflowClient.start(campaign::run, CampaignInput.of(spec), CampaignState.start());
        return campaign;
    }

    private static CampaignResult result(CampaignWorkflow campaign) {
        return WorkflowStub.fromTyped(campaign).getResult(CampaignResult.class);
    }

    private static CampaignProgress awaitProgress(CampaignWorkflow campaign, String what,
                                                  Predicate<CampaignProgress> condition) {
        return Eventually.until(what, campaign::progress, condition);
    }

    /** The reason a steering update was refused with; fails unless it was refused so. */
    private static String refusal(ThrowingCallable update) {
        Throwable thrown = catchThrowable(update);
        assertThat(thrown).isInstanceOf(WorkflowUpdateException.class).cause().isInstanceOf(ApplicationFailure.class);
        ApplicationFailure failure = (ApplicationFailure) thrown.getCause();
        assertThat(failure.getType()).isEqualTo(CampaignWorkflow.STEERING_REFUSED);
        return failure.getOriginalMessage();
    }

    private ProposalRequest proposalOf(String experimentId) {
        return fakes.proposals.stream().filter(request -> request.experimentId().equals(experimentId))
                .reduce((first, second) -> second).orElseThrow();
    }

    @Test
    void theBaselineCountsAsCompletedOnlyOnceItHasFinished() throws Exception {
        fakes.gate("DeltaNet");
        CampaignWorkflow campaign = begin(CampaignSpec.of("b", 1, "cpu-smoke", 7));

        fakes.awaitReached("DeltaNet");
        CampaignProgress measuring = awaitProgress(campaign, "the baseline in flight",
                p -> p.running().equals(List.of("b-e000")));
        assertThat(measuring.phase()).isEqualTo(CampaignPhase.BASELINE);
        assertThat(measuring.completed()).isZero();

        fakes.open("DeltaNet");
        awaitProgress(campaign, "the baseline counted", p -> p.completed() >= 1 && !p.running().contains("b-e000"));
    }

    @Test
    void pauseResumePinBanInjectAndStopChangeWhatTheCampaignDoesNext() throws Exception {
        fakes.gate("Cand001");
        CampaignWorkflow campaign = begin(CampaignSpec.of("s", 6, "cpu-smoke", 7).withPool(50, 1));

        fakes.awaitReached("Cand001");
        campaign.inject("Try a sigmoid output gate on the delta-rule read-out.");
        campaign.pause();
        fakes.open("Cand001");

        // Paused: the experiment in flight finished, no new one started.
        CampaignProgress paused = awaitProgress(campaign, "paused with nothing in flight",
                p -> p.phase() == CampaignPhase.PAUSED && p.running().isEmpty() && p.completed() == 2);
        assertThat(fakes.proposals).extracting(ProposalRequest::experimentId).containsExactly("s-e001");
        assertThat(paused.steering().ideas()).containsExactly("Try a sigmoid output gate on the delta-rule read-out.");
        assertThat(paused.pool()).extracting(PoolEntry::experimentId).containsExactlyInAnyOrder("s-e000", "s-e001");

        campaign.pin("s-e999");
        campaign.pin("s-e001");
        campaign.ban("s-e000");
        fakes.gate("Cand003");
        campaign.resume();

        fakes.awaitReached("Cand003");
        campaign.stop();
        fakes.open("Cand003");
        CampaignResult result = result(campaign);

        assertThat(result.phase()).isEqualTo(CampaignPhase.STOPPED);
        assertThat(result.experiments()).isEqualTo(3);
        assertThat(fakes.records).containsOnlyKeys("s-e000", "s-e001", "s-e002", "s-e003");
        assertThat(fakes.campaigns).containsEntry("s", "STOPPED");
        // The idea went to the first experiment after the pause, and only to it.
        assertThat(proposalOf("s-e002").idea()).contains("Try a sigmoid output gate on the delta-rule read-out.");
        assertThat(proposalOf("s-e003").idea()).isEmpty();
        // Pinned parent; the banned baseline is never a parent or reference again, nor in the pool.
        assertThat(List.of(proposalOf("s-e002"), proposalOf("s-e003")))
                .allSatisfy(request -> {
                    assertThat(request.parentId()).isEqualTo("s-e001");
                    assertThat(request.referenceIds()).doesNotContain("s-e000");
                });
        assertThat(result.poolRanking()).doesNotContain("s-e000").contains("s-e001", "s-e002", "s-e003");
        CampaignProgress end = campaign.progress();
        assertThat(end.steering().log()).anySatisfy(entry -> assertThat(entry)
                        .isEqualTo("pin s-e999 ignored: it is not in the pool, whose members are s-e000, s-e001"))
                .anySatisfy(entry -> assertThat(entry).startsWith("idea \"Try a sigmoid").endsWith("handed to s-e002"))
                .anySatisfy(entry -> assertThat(entry).startsWith("stop"));

        WorkflowReplayer.replayWorkflowExecution(stack.client().fetchHistory("s"),
                CampaignWorkflowImpl.class);
    }

    @Test
    void banningThePoolsOnlyMemberIsRefusedSoSamplingNeverRunsDry() throws Exception {
        fakes.gate("Cand001");
        CampaignWorkflow campaign = begin(CampaignSpec.of("b", 2, "cpu-smoke", 7));

        fakes.awaitReached("Cand001");
        campaign.ban("b-e000");
        fakes.open("Cand001");
        CampaignResult result = result(campaign);

        assertThat(result.phase()).isEqualTo(CampaignPhase.FINISHED);
        // The ban did not take: the baseline stayed in the pool, and b-e002 still found a parent there.
        assertThat(campaign.progress().pool()).extracting(PoolEntry::experimentId).contains("b-e000");
        assertThat(proposalOf("b-e002").parentId()).isIn("b-e000", "b-e001");
        assertThat(campaign.progress().steering().log())
                .contains("ban b-e000 ignored: it is the pool's only member");
    }

    @Test
    void aRefusedSteeringUpdateThrowsItsReasonAndChangesNothing() throws Exception {
        fakes.gate("Cand001");
        CampaignWorkflow campaign = begin(CampaignSpec.of("r", 2, "cpu-smoke", 7));
        fakes.awaitReached("Cand001");
        // The baseline trained and is the pool's only member; r-e001 is being screened.
        CampaignProgress before = campaign.progress();

        assertThat(refusal(() -> campaign.pinParent("r-e001")))
                .isEqualTo("cannot pin r-e001: it is not in the pool, whose only member is r-e000");
        assertThat(refusal(() -> campaign.banExperiment("r-e000"))).isEqualTo("cannot ban r-e000: it is the pool's "
                + "only member, and every new experiment needs a parent from the pool");
        assertThat(refusal(() -> campaign.banExperiment("r-e007")))
                .isEqualTo("cannot ban r-e007: campaign r has no such experiment; it has started r-e000 to r-e001");
        assertThat(refusal(() -> campaign.injectIdea("  "))).isEqualTo("cannot inject the idea: the idea is empty");
        assertThat(campaign.injectIdea("Gate the read-out.")).isEqualTo("inject: \"Gate the read-out.\"");
        assertThat(refusal(() -> campaign.injectIdea("And a second one."))).isEqualTo("cannot inject the idea: 1 "
                + "experiment is left to start and 1 idea waits already; each Researcher takes one");

        CampaignProgress after = campaign.progress();
        assertThat(after.pool()).isEqualTo(before.pool());
        assertThat(after.steering().pinned()).isEmpty();
        assertThat(after.steering().banned()).isEmpty();
        assertThat(after.steering().ideas()).containsExactly("Gate the read-out.");
        assertThat(after.steering().log()).containsExactly("inject: \"Gate the read-out.\"");
        fakes.open("Cand001");
        CampaignResult result = result(campaign);

        assertThat(result.poolRanking()).containsExactly("r-e000", "r-e001", "r-e002");
        assertThat(proposalOf("r-e002").idea()).contains("Gate the read-out.");
        // A refused update leaves no trace in the history; the accepted one is there, and replays.
        WorkflowExecutionHistory history = stack.client().fetchHistory("r");
        assertThat(history.getEvents()).filteredOn(event -> event.getEventType()
                == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED).hasSize(1);
        WorkflowReplayer.replayWorkflowExecution(history, CampaignWorkflowImpl.class);
    }

    @Test
    void acceptedSteeringUpdatesAnswerWithWhatTheyDidAndTakeEffect() throws Exception {
        fakes.gate("Cand002");
        fakes.gate("Cand003");
        CampaignWorkflow campaign = begin(CampaignSpec.of("a", 4, "cpu-smoke", 7).withPool(50, 1));
        fakes.awaitReached("Cand002");
        // a-e001 has joined the pool beside the baseline; a-e002 is being screened.

        assertThat(campaign.pinParent("a-e001")).isEqualTo("pin a-e001: the parent of every new experiment");
        assertThat(campaign.banExperiment("a-e000")).isEqualTo("ban a-e000: never a parent or reference again");
        assertThat(campaign.injectIdea("Gate the read-out.")).isEqualTo("inject: \"Gate the read-out.\"");
        CampaignProgress steered = campaign.progress();
        assertThat(steered.steering().pinned()).contains("a-e001");
        assertThat(steered.pool()).extracting(PoolEntry::experimentId).containsExactly("a-e001");

        fakes.open("Cand002");
        fakes.awaitReached("Cand003");
        assertThat(campaign.unpinParent()).isEqualTo("unpin a-e001: parents are sampled again");
        assertThat(campaign.unpinParent()).isEqualTo("unpin: nothing was pinned; parents are sampled as before");
        fakes.open("Cand003");
        CampaignResult result = result(campaign);

        assertThat(result.poolRanking()).doesNotContain("a-e000").contains("a-e001", "a-e002", "a-e003", "a-e004");
        assertThat(proposalOf("a-e003").parentId()).isEqualTo("a-e001");
        assertThat(proposalOf("a-e003").idea()).contains("Gate the read-out.");
        assertThat(List.of(proposalOf("a-e003"), proposalOf("a-e004"))).allSatisfy(request -> {
            assertThat(request.parentId()).isNotEqualTo("a-e000");
            assertThat(request.referenceIds()).doesNotContain("a-e000");
        });
        assertThat(campaign.progress().steering().pinned()).isEmpty();
        WorkflowReplayer.replayWorkflowExecution(stack.client().fetchHistory("a"), CampaignWorkflowImpl.class);
    }

    /**
     * An update that comes with the start reaches its handler before the workflow method has begun (Temporal
     * runs the handlers of a run's first task first); it waits for the campaign's state instead of changing
     * one that the run then replaces.
     */
    @Test
    void anUpdateSentWithTheStartTakesEffectInTheCampaign() {
        CampaignWorkflow campaign = withStart("w");

        WorkflowUpdateHandle<String> update = WorkflowClient.startUpdateWithStart(campaign::injectIdea,
                "Start from a gated read-out.", completed(), new WithStartWorkflowOperation<>(campaign::run,
                        CampaignInput.of(CampaignSpec.of("w", 1, "cpu-smoke", 7)), CampaignState.start()));

        assertThat(update.getResult()).isEqualTo("inject: \"Start from a gated read-out.\"");
        assertThat(result(campaign).phase()).isEqualTo(CampaignPhase.FINISHED);
        assertThat(proposalOf("w-e001").idea()).contains("Start from a gated read-out.");
    }

    @Test
    void anUpdateSentWithTheStartIsRefusedByTheCampaignItReaches() {
        CampaignWorkflow campaign = withStart("v");

        WorkflowUpdateHandle<String> update = WorkflowClient.startUpdateWithStart(campaign::pinParent, "v-e000",
                completed(), new WithStartWorkflowOperation<>(campaign::run,
                        CampaignInput.of(CampaignSpec.of("v", 1, "cpu-smoke", 7)), CampaignState.start()));

        assertThat(refusal(update::getResult))
                .isEqualTo("cannot pin v-e000: it is not in the pool, which is empty until the baseline has trained");
        assertThat(result(campaign).phase()).isEqualTo(CampaignPhase.FINISHED);
        assertThat(campaign.progress().steering().log()).isEmpty();
    }

    /** A campaign stub that starts its workflow together with an update. */
    private CampaignWorkflow withStart(String campaignId) {
        return stack.client().newWorkflowStub(CampaignWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(campaignId).setTaskQueue(TaskQueues.ORCHESTRATION)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL).build());
    }

    private static UpdateOptions<String> completed() {
        return UpdateOptions.<String>newBuilder().setWaitForStage(WorkflowUpdateStage.COMPLETED).build();
    }

    @Test
    void experimentsRunInParallelUpToTheLimit() throws Exception {
        fakes.gate("Cand001");
        fakes.gate("Cand002");
        fakes.gate("Cand003");
        CampaignWorkflow campaign = begin(CampaignSpec.of("p", 4, "cpu-smoke", 7).withParallelism(3));

        fakes.awaitReached("Cand001");
        fakes.awaitReached("Cand002");
        fakes.awaitReached("Cand003");
        CampaignProgress busy = campaign.progress();
        assertThat(busy.running()).containsExactly("p-e001", "p-e002", "p-e003");
        assertThat(fakes.proposals).hasSize(3);
        fakes.open("Cand002");
        // The freed slot goes to the fourth experiment while the other two are still held.
        awaitProgress(campaign, "the fourth experiment started", p -> p.running().contains("p-e004")
                || p.recent().stream().anyMatch(outcome -> outcome.experimentId().equals("p-e004")));
        assertThat(campaign.progress().running()).contains("p-e001", "p-e003");
        fakes.open("Cand001");
        fakes.open("Cand003");

        CampaignResult result = result(campaign);
        assertThat(result.phase()).isEqualTo(CampaignPhase.FINISHED);
        assertThat(result.trained()).isEqualTo(4);
    }

    @Test
    void twoHundredExperimentsPassThroughContinueAsNewWithThePoolIntact() {
        // Losses spread over [1.85, 1.95): every candidate is admitted, each with its own fitness.
        fakes.defaultLoss = label -> label.startsWith("Cand")
                ? 1.85 + (Integer.parseInt(label.substring(4, 7)) * 37 % 100) / 1000.0 : 2.0;
        CampaignWorkflow campaign = begin(CampaignSpec.of("long", 200, "cpu-smoke", 11).withPool(50, 10)
                .withContinueAsNewEvery(50).withParallelism(4));

        CampaignResult result = result(campaign);

        assertThat(result.phase()).isEqualTo(CampaignPhase.FINISHED);
        assertThat(result.experiments()).isEqualTo(200);
        assertThat(result.trained()).isEqualTo(200);
        assertThat(result.runs()).isEqualTo(4);
        assertThat(fakes.records).hasSize(201);
        assertThat(fakes.records.values()).allSatisfy(record ->
                assertThat(record.status()).isEqualTo(ExperimentStatus.TRAINED));
        // The pool the campaign ended with is the top 50 of everything admitted, as if it never restarted.
        double baselineLoss = fakes.records.get("long-e000").metrics().orElseThrow().validationLoss();
        List<String> expected = fakes.records.values().stream()
                .filter(record -> record.experimentId().equals("long-e000") || CandidateFilter.admits(baselineLoss,
                        record.metrics().orElseThrow().validationLoss(), java.util.OptionalDouble.of(0.5),
                        java.util.OptionalDouble.of(0.5)))
                .sorted(Comparator.comparingDouble((ExperimentRecord record) -> record.fitness().getAsDouble())
                        .reversed().thenComparing(ExperimentRecord::experimentId))
                .limit(50)
                .map(ExperimentRecord::experimentId)
                .toList();
        assertThat(result.poolRanking()).containsExactlyElementsOf(expected);
        // Parents after the first restart came from the carried pool, not only the baseline.
        assertThat(fakes.proposals.stream().filter(request -> request.experimentId().compareTo("long-e150") > 0)
                .map(ProposalRequest::parentId)).anyMatch(parent -> !parent.equals("long-e000"));
        assertThat(Optional.of(campaign.progress().completed())).contains(201);
    }
}
