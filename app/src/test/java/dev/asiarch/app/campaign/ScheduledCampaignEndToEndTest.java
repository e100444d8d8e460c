package dev.asiarch.app.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.activities.engineer.OfflineEngineer;
import dev.asiarch.activities.store.CampaignRow;
import dev.asiarch.app.testing.Slow;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.workflows.campaign.CampaignInput;
import dev.asiarch.workflows.campaign.CampaignPhase;
import dev.asiarch.workflows.campaign.CampaignResult;
import dev.asiarch.workflows.campaign.CampaignSpec;
import dev.asiarch.workflows.campaign.CampaignState;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign as a Temporal Schedule starts it: no id of its own (what {@code asi-arch schedule} sends), a
 * workflow id the schedule makes unique per run, and the real store, whose experiments must belong to a
 * recorded campaign (a foreign key).
 */
@Slow("runs a campaign with the real activities, checking and training in child JVMs")
class ScheduledCampaignEndToEndTest {

    @TempDir
    Path data;

    @Test
    void aCampaignWithABlankIdIsRecordedWithItsExperimentsUnderItsWorkflowId() throws Exception {
        String workflowId = "nightly-2026-11-22T06:00:00Z";
        try (CampaignHarness harness = new CampaignHarness(data, Map.of(), new OfflineEngineer())) {
            WorkflowStub campaign = harness.untypedCampaign(workflowId);
            campaign.start(CampaignInput.of(CampaignSpec.of("", 1, "cpu-smoke", 2)), CampaignState.start());

            CampaignResult result = campaign.getResult(5, TimeUnit.MINUTES, CampaignResult.class);

            assertThat(result.phase()).as("the campaign's phase; its records:%n%s", harness.recorded(workflowId))
                    .isEqualTo(CampaignPhase.FINISHED);
            assertThat(result.campaignId()).isEqualTo(workflowId);
            assertThat(harness.store.campaign(workflowId)).get().satisfies(row -> {
                assertThat(row.status()).isEqualTo("FINISHED");
                assertThat(row.recorded()).isEqualTo(2);
            });
            assertThat(harness.store.campaigns()).extracting(CampaignRow::id).containsExactly(workflowId);
            assertThat(harness.store.campaignExperiments(workflowId)).extracting(ExperimentRecord::experimentId)
                    .containsExactly(workflowId + "-e000", workflowId + "-e001");
            harness.replayAll(workflowId);
        }
    }
}
