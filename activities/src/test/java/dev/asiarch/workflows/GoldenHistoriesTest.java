package dev.asiarch.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asiarch.core.experiment.JudgeScores;
import dev.asiarch.workflows.campaign.CampaignInput;
import dev.asiarch.workflows.campaign.CampaignPhase;
import dev.asiarch.workflows.campaign.CampaignResult;
import dev.asiarch.workflows.campaign.CampaignSpec;
import dev.asiarch.workflows.campaign.CampaignState;
import dev.asiarch.workflows.campaign.CampaignWorkflow;
import dev.asiarch.workflows.campaign.CampaignWorkflowImpl;
import dev.asiarch.workflows.campaign.SearchStrategy;
import dev.asiarch.workflows.continuous.DiscoveryLoopWorkflow;
import dev.asiarch.workflows.continuous.DiscoveryLoopWorkflowImpl;
import dev.asiarch.workflows.continuous.LoopSpec;
import dev.asiarch.workflows.experiment.ExperimentWorkflowImpl;
import dev.asiarch.workflows.validation.ValidationWorkflowImpl;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden histories: what each workflow of an earlier release wrote, replayed against the code as it is
 * now. A change that would break a campaign already running (another command, another order, a payload
 * the new types cannot read) fails here, before it is deployed.
 *
 * <p>The histories live in this module's {@code src/test/resources/golden/<release>/}, beside the real
 * store, one folder per release whose workflows may still be running. To add the current release's
 * histories after an intended change (guarded by {@code Workflow.getVersion} where running workflows
 * must survive it), run
 * <pre>./mvnw -pl activities -am test -Dtest=GoldenHistoriesTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dgolden.record=&lt;release&gt;</pre>
 * which runs the scenarios below on the test server and writes their histories into that release's
 * folder. A folder is deleted only when no workflow that release started can still be running.
 */
class GoldenHistoriesTest {

    private static final Path SOURCE_FOLDER = Path.of("src", "test", "resources", "golden");

    @TestFactory
    Stream<DynamicTest> everyGoldenHistoryReplaysAgainstTheCurrentCode() throws IOException {
        List<Path> histories = goldenHistories();
        assertThat(histories).as("golden histories on the test class path").isNotEmpty();
        return histories.stream().map(history -> DynamicTest.dynamicTest(
                history.getParent().getFileName() + "/" + history.getFileName(),
                () -> WorkflowReplayer.replayWorkflowExecution(
                        WorkflowExecutionHistory.fromJson(Files.readString(history, StandardCharsets.UTF_8)),
                        CampaignWorkflowImpl.class, ExperimentWorkflowImpl.class, ValidationWorkflowImpl.class,
                        DiscoveryLoopWorkflowImpl.class)));
    }

    /** Writes this release's histories when {@code -Dgolden.record=<release>} is given; does nothing otherwise. */
    @Test
    void recordsTheCurrentReleasesHistoriesWhenAsked() throws Exception {
        String release = System.getProperty("golden.record", "");
        if (release.isBlank()) {
            return;
        }
        Path folder = SOURCE_FOLDER.resolve(release.strip());
        Files.createDirectories(folder);
        try (FakeStack stack = new FakeStack()) {
            for (Recorded recorded : campaignStory(stack)) {
                recorded.writeTo(folder);
            }
        }
        try (FakeStack stack = new FakeStack()) {
            for (Recorded recorded : steeredCampaign(stack)) {
                recorded.writeTo(folder);
            }
        }
        try (FakeStack stack = new FakeStack()) {
            for (Recorded recorded : discoveryLoop(stack)) {
                recorded.writeTo(folder);
            }
        }
        try (FakeStack stack = new FakeStack()) {
            for (Recorded recorded : campaignSteeredByUpdates(stack)) {
                recorded.writeTo(folder);
            }
        }
        try (FakeStack stack = new FakeStack()) {
            for (Recorded recorded : measuredCampaign(stack)) {
                recorded.writeTo(folder);
            }
        }
    }

    /**
     * A campaign that measures itself: its baseline screened with three seeds (one fails), every candidate
     * drawn from the baseline (the random strategy), and a validation that records the screening fidelity.
     */
    private static List<Recorded> measuredCampaign(FakeStack stack) {
        FakeActivities fakes = stack.fakes;
        fakes.losses.put("DeltaNet", 2.0);
        fakes.losses.put("Cand001", 1.9);
        fakes.screenFailures.add("measured-e000-seed2");
        CampaignSpec spec = CampaignSpec.of("measured", 3, "cpu-smoke", 23).withPool(50, 1)
                .withStrategy(SearchStrategy.RANDOM).withBaselineSeeds(3)
                .withValidation(new CampaignSpec.ValidationPlan(2, "cpu-tiny", 2));
        WorkflowStub campaign = WorkflowStub.fromTyped(stack.campaign("measured"));
        WorkflowExecution first = campaign.start(CampaignInput.of(spec), CampaignState.start());
        CampaignResult result = campaign.getResult(CampaignResult.class);
        assertThat(result.phase()).isEqualTo(CampaignPhase.FINISHED);
        List<Recorded> recorded = campaignWithExperiments(stack, first, spec, result.experiments());
        recorded.add(latest(stack.client(), "measured-validation", "validation-measured"));
        return recorded;
    }

    /**
     * Every turn a campaign can take: a duplicate re-proposed, a repair, a judged and analysed candidate, a
     * check failure, a divergence, a researcher with no usable answer, parents from a refreshed pool, a
     * continue-as-new, and validation of the best candidate.
     */
    private static List<Recorded> campaignStory(FakeStack stack) {
        FakeActivities fakes = stack.fakes;
        fakes.losses.put("DeltaNet", 2.0);
        fakes.losses.put("Cand001-fixed", 1.9);
        fakes.nonCausal.add("Cand001");
        fakes.repairable.add("Cand001");
        fakes.judgeScores.put("Cand001", new JudgeScores(6, 7, 5, "clear idea", "fake-judge", true));
        fakes.duplicates.add("Cand002");
        fakes.nonCausal.add("Cand002v1");
        fakes.screenFailures.add("story-e003");
        fakes.unusable.add("story-e004");
        fakes.losses.put("Cand005", 1.95);
        CampaignSpec spec = CampaignSpec.of("story", 5, "cpu-smoke", 11)
                .withPool(50, 1)
                .withContinueAsNewEvery(3)
                .withValidation(new CampaignSpec.ValidationPlan(1, "cpu-tiny", 2));
        WorkflowStub campaign = WorkflowStub.fromTyped(stack.campaign("story"));
        WorkflowExecution first = campaign.start(CampaignInput.of(spec), CampaignState.start());
        CampaignResult result = campaign.getResult(CampaignResult.class);
        assertThat(result.runs()).isGreaterThan(1);
        List<Recorded> recorded = campaignWithExperiments(stack, first, spec, result.experiments());
        recorded.add(latest(stack.client(), "story-validation", "validation-story"));
        return recorded;
    }

    /** A campaign the team steers while it runs: pause and resume, a pin, a ban, an idea, then stop. */
    private static List<Recorded> steeredCampaign(FakeStack stack) throws InterruptedException {
        FakeActivities fakes = stack.fakes;
        fakes.losses.put("DeltaNet", 2.0);
        fakes.losses.put("Cand001", 1.9);
        fakes.gate("Cand002");
        CampaignSpec spec = CampaignSpec.of("steered", 6, "cpu-smoke", 13).withPool(50, 1);
        CampaignWorkflow typed = stack.campaign("steered");
        WorkflowStub campaign = WorkflowStub.fromTyped(typed);
        WorkflowExecution first = campaign.start(CampaignInput.of(spec), CampaignState.start());
        fakes.awaitReached("Cand002");
        typed.pause();
        typed.pin("steered-e001");
        typed.inject("gate the memory read by the token's own norm");
        typed.ban("steered-e000");
        typed.pin("not-in-the-pool");
        typed.inject(" ");
        typed.resume();
        typed.unpin();
        typed.stop();
        fakes.open("Cand002");
        CampaignResult result = campaign.getResult(CampaignResult.class);
        assertThat(result.phase()).isEqualTo(CampaignPhase.STOPPED);
        return campaignWithExperiments(stack, first, spec, result.experiments());
    }

    /** A campaign steered by updates, which answer: a pin, a refused pin, an idea, a ban, an unpin. */
    private static List<Recorded> campaignSteeredByUpdates(FakeStack stack) throws InterruptedException {
        FakeActivities fakes = stack.fakes;
        fakes.losses.put("DeltaNet", 2.0);
        fakes.losses.put("Cand001", 1.9);
        fakes.gate("Cand002");
        CampaignSpec spec = CampaignSpec.of("answered", 3, "cpu-smoke", 19).withPool(50, 1);
        CampaignWorkflow typed = stack.campaign("answered");
        WorkflowStub campaign = WorkflowStub.fromTyped(typed);
        WorkflowExecution first = campaign.start(CampaignInput.of(spec), CampaignState.start());
        fakes.awaitReached("Cand002");
        typed.pinParent("answered-e001");
        assertThatThrownBy(() -> typed.pinParent("not-in-the-pool")).isInstanceOf(WorkflowUpdateException.class);
        typed.injectIdea("normalise the keys before the delta update");
        typed.banExperiment("answered-e000");
        typed.unpinParent();
        fakes.open("Cand002");
        CampaignResult result = campaign.getResult(CampaignResult.class);
        assertThat(result.phase()).isEqualTo(CampaignPhase.FINISHED);
        return campaignWithExperiments(stack, first, spec, result.experiments());
    }

    /** Continuous discovery: two campaigns an interval apart, each under its own id. */
    private static List<Recorded> discoveryLoop(FakeStack stack) {
        DiscoveryLoopWorkflow loop = stack.client().newWorkflowStub(DiscoveryLoopWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId("loop").setTaskQueue(TaskQueues.ORCHESTRATION).build());
        loop.run(new LoopSpec("loop", CampaignSpec.of("", 1, "cpu-smoke", 17), Duration.ofHours(6), 2), 0);
        return List.of(latest(stack.client(), "loop", "loop"),
                latest(stack.client(), "loop-001", "campaign-loop-001"),
                latest(stack.client(), "loop-002", "campaign-loop-002"));
    }

    /** Every run of a campaign, then its baseline's and its {@code candidates} experiments' histories. */
    private static List<Recorded> campaignWithExperiments(FakeStack stack, WorkflowExecution first, CampaignSpec spec,
                                                          int candidates) {
        List<Recorded> recorded = new ArrayList<>(runsOf(stack.client(), first, "campaign-" + spec.campaignId()));
        for (int index = 0; index <= candidates; index++) {
            recorded.add(latest(stack.client(), spec.experimentId(index), "experiment-" + spec.experimentId(index)));
        }
        return recorded;
    }

    /** A history to write, under the name it is kept by. */
    private record Recorded(String name, WorkflowExecutionHistory history) {

        void writeTo(Path folder) {
            try {
                Files.writeString(folder.resolve(name + ".json"), history.toJson(true), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Recorded latest(WorkflowClient client, String workflowId, String name) {
        return new Recorded(name, client.fetchHistory(workflowId));
    }

    /** Every run of a workflow that continued as new, first to last, following each run to the next. */
    private static List<Recorded> runsOf(WorkflowClient client, WorkflowExecution first, String name) {
        List<Recorded> runs = new ArrayList<>();
        String runId = first.getRunId();
        while (runId != null) {
            WorkflowExecutionHistory history = client.fetchHistory(first.getWorkflowId(), runId);
            runs.add(new Recorded(name + "-run" + (runs.size() + 1), history));
            HistoryEvent last = history.getLastEvent();
            runId = last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
                    ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
                    : null;
        }
        return runs;
    }

    /** The checked-in histories, as the test class path holds them (every release folder). */
    private static List<Path> goldenHistories() throws IOException {
        URL root = GoldenHistoriesTest.class.getResource("/golden");
        if (root == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
            return files.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        } catch (URISyntaxException e) {
            throw new IOException("golden histories at " + root + " are not a folder", e);
        }
    }
}
