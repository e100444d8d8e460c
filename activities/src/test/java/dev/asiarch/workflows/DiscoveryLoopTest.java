package dev.asiarch.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.workflows.activities.ProposalRequest;
import dev.asiarch.workflows.campaign.CampaignInput;
import dev.asiarch.workflows.campaign.CampaignPhase;
import dev.asiarch.workflows.campaign.CampaignResult;
import dev.asiarch.workflows.campaign.CampaignSpec;
import dev.asiarch.workflows.campaign.CampaignState;
import dev.asiarch.workflows.continuous.DiscoveryLoopWorkflow;
import dev.asiarch.workflows.continuous.LoopProgress;
import dev.asiarch.workflows.continuous.LoopSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Continuous discovery on the embedded server: a campaign per interval, and a campaign a schedule names. */
class DiscoveryLoopTest {

    @RegisterExtension
    final FakeStack stack = new FakeStack();

    private DiscoveryLoopWorkflow loop(String id) {
        return stack.client().newWorkflowStub(DiscoveryLoopWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(id).setTaskQueue(TaskQueues.ORCHESTRATION).build());
    }

    @Test
    void runsACampaignEveryIntervalEachWithItsOwnIdAndSeed() {
        LoopProgress done = loop("nightly").run(new LoopSpec("nightly", CampaignSpec.of("", 1, "cpu-smoke", 3),
                Duration.ofHours(6), 3), 0);

        assertThat(done.completed()).isEqualTo(3);
        assertThat(done.last()).map(CampaignResult::campaignId).contains("nightly-003");
        assertThat(stack.fakes.records).containsOnlyKeys("nightly-001-e000", "nightly-001-e001", "nightly-002-e000",
                "nightly-002-e001", "nightly-003-e000", "nightly-003-e001");
        assertThat(stack.fakes.proposals).extracting(ProposalRequest::seed).doesNotHaveDuplicates();
        assertThat(stack.fakes.campaigns).containsKeys("nightly-001", "nightly-002", "nightly-003");
    }

    @Test
    void aStopSignalEndsTheLoopWhileItWaits() {
        DiscoveryLoopWorkflow loop = loop("until-stopped");
        WorkflowClient.start(loop::run, new LoopSpec("until-stopped", CampaignSpec.of("", 1, "cpu-smoke", 3),
                Duration.ofHours(6), 0), 0);
        Eventually.until("the loop's first campaign finished", loop::progress, progress -> progress.completed() >= 1);

        loop.stop();
        LoopProgress done = WorkflowStub.fromTyped(loop).getResult(LoopProgress.class);

        assertThat(done.completed()).isEqualTo(1);
        assertThat(done.stopping()).isTrue();
        assertThat(stack.fakes.campaigns).containsOnlyKeys("until-stopped-001");
    }

    @Test
    void aCampaignWithoutAnIdTakesItsWorkflowsAsASchedulesRunsDo() {
        CampaignResult result = stack.campaign("scheduled-2026-11-22T06:00:00Z")
                .run(CampaignInput.of(CampaignSpec.of("", 1, "cpu-smoke", 3)), CampaignState.start());

        assertThat(result.phase()).isEqualTo(CampaignPhase.FINISHED);
        assertThat(result.campaignId()).isEqualTo("scheduled-2026-11-22T06:00:00Z");
        assertThat(stack.fakes.records).containsOnlyKeys("scheduled-2026-11-22T06:00:00Z-e000",
                "scheduled-2026-11-22T06:00:00Z-e001");
        assertThat(stack.fakes.campaigns).containsOnlyKeys("scheduled-2026-11-22T06:00:00Z");
    }
}
