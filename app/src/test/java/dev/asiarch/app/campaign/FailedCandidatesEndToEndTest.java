package dev.asiarch.app.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.activities.research.OfflineResearcher;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.store.StoreActivitiesImpl;
import dev.asiarch.artifacts.ArtifactKey;
import dev.asiarch.artifacts.ArtifactStore;
import dev.asiarch.artifacts.EmbeddedS3Server;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.program.MixerSource;
import dev.asiarch.gpu.sandbox.CandidateSandbox;
import dev.asiarch.gpu.sandbox.ChildJvm;
import dev.asiarch.gpu.sandbox.ChildLimits;
import dev.asiarch.gpu.sandbox.RuntimeClassPath;
import dev.asiarch.gpu.testing.Candidates;
import dev.asiarch.gpu.worker.CandidateActivitiesImpl;
import dev.asiarch.workflows.TaskQueues;
import dev.asiarch.workflows.activities.Proposal;
import dev.asiarch.workflows.activities.ProposalRequest;
import dev.asiarch.workflows.activities.ResearchActivities;
import dev.asiarch.workflows.activities.SeedRequest;
import dev.asiarch.workflows.campaign.CampaignPhase;
import dev.asiarch.workflows.campaign.CampaignResult;
import dev.asiarch.workflows.campaign.CampaignSpec;
import dev.asiarch.workflows.campaign.CampaignWorkflow;
import dev.asiarch.workflows.campaign.CampaignWorkflowImpl;
import dev.asiarch.workflows.experiment.ExperimentWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A campaign in Temporal's test environment with the real activities (H2 store, embedded S3, child-JVM
 * sandbox), where the researcher is scripted to hand in one program that reads the next token and one
 * that does not compile. Both end as recorded failures with their reasons and the campaign carries on.
 */
class FailedCandidatesEndToEndTest {

    /** The offline researcher, except for the experiments given a scripted source. */
    private record ScriptedResearcher(OfflineResearcher offline, Map<String, String> scripted)
            implements ResearchActivities {

        @Override
        public Proposal seedProposal(SeedRequest request) {
            return offline.seedProposal(request);
        }

        @Override
        public Proposal propose(ProposalRequest request) {
            String source = scripted.get(request.experimentId());
            if (source == null) {
                return offline.propose(request);
            }
            return new Proposal(MixerSource.className(source).orElseThrow(), "scripted failure", Optional.empty(),
                    source, "scripted");
        }
    }

    @TempDir
    Path data;

    @Test
    void futureReadingAndNonCompilingCandidatesAreRecordedFailuresAndTheCampaignCarriesOn() throws Exception {
        DriverManagerDataSource database = new DriverManagerDataSource(
                "jdbc:h2:file:" + data.resolve("db/asi-arch"), "sa", "");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        ExperimentStore store = new ExperimentStore(database);

        try (EmbeddedS3Server s3 = EmbeddedS3Server.start(data.resolve("s3"), 0, "asi-arch", "asi-arch.s3.embedded-port");
             TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
            ArtifactStore artifacts = new ArtifactStore(s3.settings());
            artifacts.ensureBucket();
            CandidateSandbox sandbox = new CandidateSandbox(new ChildJvm(RuntimeClassPath.current(), ChildLimits.of("512m", "3g", "8g", 2)),
                    data.resolve("work"));
            var orchestration = environment.newWorker(TaskQueues.ORCHESTRATION);
            orchestration.registerWorkflowImplementationTypes(CampaignWorkflowImpl.class, ExperimentWorkflowImpl.class);
            orchestration.registerActivitiesImplementations(new StoreActivitiesImpl(store));
            environment.newWorker(TaskQueues.LLM).registerActivitiesImplementations(new ScriptedResearcher(
                    new OfflineResearcher(store),
                    Map.of("c1-e001", Candidates.PEEKS_AT_NEXT_TOKEN, "c1-e002", Candidates.DOES_NOT_COMPILE)));
            environment.newWorker(TaskQueues.GPU).registerActivitiesImplementations(
                    new CandidateActivitiesImpl(sandbox, artifacts));
            environment.start();
            WorkflowClient client = environment.getWorkflowClient();

            CampaignResult result = client.newWorkflowStub(CampaignWorkflow.class, WorkflowOptions.newBuilder()
                            .setWorkflowId("c1").setTaskQueue(TaskQueues.ORCHESTRATION).build())
                    .run(CampaignSpec.of("c1", 3, "cpu-smoke", 2));

            assertThat(result.phase()).isEqualTo(CampaignPhase.FINISHED);
            List<ExperimentRecord> records = store.campaignExperiments("c1");
            assertThat(records).extracting(ExperimentRecord::status).containsExactly(ExperimentStatus.TRAINED,
                    ExperimentStatus.FAILED, ExperimentStatus.FAILED, ExperimentStatus.TRAINED);
            assertThat(records.get(1).failureReason()).contains(FailureReason.NON_CAUSAL);
            assertThat(records.get(1).diagnostic()).contains("reads future tokens");
            assertThat(records.get(2).failureReason()).contains(FailureReason.COMPILE_ERROR);
            assertThat(records.get(2).diagnostic()).contains("line 11").contains("frobnicate");
            assertThat(records.get(3).researcher()).isEqualTo(OfflineResearcher.NAME);
            assertThat(artifacts.getText(ArtifactKey.experimentFile("c1", "c1-e001", "checks.json")))
                    .contains("NON_CAUSAL");
            assertThat(artifacts.exists(ArtifactKey.experimentFile("c1", "c1-e003", "train.log"))).isTrue();

            WorkflowReplayer.replayWorkflowExecution(client.fetchHistory("c1"), CampaignWorkflowImpl.class);
            for (ExperimentRecord record : records) {
                WorkflowReplayer.replayWorkflowExecution(client.fetchHistory(record.experimentId()),
                        ExperimentWorkflowImpl.class);
            }
        }
    }
}
