package dev.asiarch.app.campaign;

import dev.asiarch.activities.analyst.OfflineAnalyst;
import dev.asiarch.activities.judge.OfflineJudge;
import dev.asiarch.activities.novelty.OfflineNoveltyCheck;
import dev.asiarch.activities.research.OfflineResearcher;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.store.StoreActivitiesImpl;
import dev.asiarch.artifacts.ArtifactStore;
import dev.asiarch.artifacts.EmbeddedS3Server;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.program.MixerSource;
import dev.asiarch.gpu.sandbox.CandidateSandbox;
import dev.asiarch.gpu.sandbox.ChildJvm;
import dev.asiarch.gpu.sandbox.ChildLimits;
import dev.asiarch.gpu.sandbox.RuntimeClassPath;
import dev.asiarch.gpu.worker.CandidateActivitiesImpl;
import dev.asiarch.workflows.TaskQueues;
import dev.asiarch.workflows.activities.EngineerActivities;
import dev.asiarch.workflows.activities.Proposal;
import dev.asiarch.workflows.activities.ProposalRequest;
import dev.asiarch.workflows.activities.ResearchActivities;
import dev.asiarch.workflows.activities.SeedRequest;
import dev.asiarch.workflows.campaign.CampaignInput;
import dev.asiarch.workflows.campaign.CampaignResult;
import dev.asiarch.workflows.campaign.CampaignSpec;
import dev.asiarch.workflows.campaign.CampaignState;
import dev.asiarch.workflows.campaign.CampaignWorkflow;
import dev.asiarch.workflows.campaign.CampaignWorkflowImpl;
import dev.asiarch.workflows.experiment.ExperimentWorkflowImpl;
import dev.asiarch.workflows.validation.ValidationWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A campaign in Temporal's test environment with the real activities: H2 store, embedded S3, the
 * child-JVM sandbox, and a researcher that hands in scripted sources for chosen experiments.
 */
final class CampaignHarness implements AutoCloseable {

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
            return new Proposal(MixerSource.className(source).orElse("Unnamed"), "scripted candidate",
                    Optional.empty(), source, "scripted", java.util.List.of());
        }
    }

    final ExperimentStore store;
    private final DriverManagerDataSource database;
    final ArtifactStore artifacts;
    private final EmbeddedS3Server s3;
    private final TestWorkflowEnvironment environment;

    CampaignHarness(Path data, Map<String, String> scripted, EngineerActivities engineer) throws Exception {
        // Kept open until close(): without a pool, H2 would otherwise close and reopen the file between
        // every statement, from several worker threads at once.
        database = new DriverManagerDataSource("jdbc:h2:file:" + data.resolve("db/asi-arch") + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        store = new ExperimentStore(database);
        s3 = EmbeddedS3Server.start(data.resolve("s3"), 0, "asi-arch", "asi-arch.s3.embedded-port");
        artifacts = new ArtifactStore(s3.settings());
        artifacts.ensureBucket();
        // Small limits, so the hostile programs hit them in seconds.
        CandidateSandbox sandbox = new CandidateSandbox(
                new ChildJvm(RuntimeClassPath.current(), ChildLimits.of("384m", "2g", "6g", 2)),
                data.resolve("work"), Duration.ofSeconds(40));
        environment = TestWorkflowEnvironment.newInstance();
        var orchestration = environment.newWorker(TaskQueues.ORCHESTRATION);
        orchestration.registerWorkflowImplementationTypes(CampaignWorkflowImpl.class, ExperimentWorkflowImpl.class,
                ValidationWorkflowImpl.class);
        orchestration.registerActivitiesImplementations(new StoreActivitiesImpl(store));
        environment.newWorker(TaskQueues.LLM).registerActivitiesImplementations(
                new ScriptedResearcher(new OfflineResearcher(store), scripted), new OfflineNoveltyCheck(store), new OfflineJudge(store), new OfflineAnalyst(store), engineer);
        environment.newWorker(TaskQueues.GPU).registerActivitiesImplementations(
                new CandidateActivitiesImpl(sandbox, artifacts));
        environment.start();
    }

    CampaignResult run(CampaignSpec spec) {
        return client().newWorkflowStub(CampaignWorkflow.class, WorkflowOptions.newBuilder()
                        .setWorkflowId(spec.campaignId()).setTaskQueue(TaskQueues.ORCHESTRATION).build())
                .run(CampaignInput.of(spec), CampaignState.start());
    }

    /** A stub that knows the campaign only by its workflow type's name, as a Schedule or another SDK does. */
    WorkflowStub untypedCampaign(String workflowId) {
        return client().newUntypedWorkflowStub("CampaignWorkflow", WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId).setTaskQueue(TaskQueues.ORCHESTRATION).build());
    }

    /** Each recorded experiment of the campaign in a line: id, status, reason and diagnostic, for failure messages. */
    String recorded(String campaignId) {
        return store.campaignExperiments(campaignId).stream()
                .map(record -> record.experimentId() + " " + record.status() + " "
                        + record.failureReason().map(Enum::name).orElse("") + " " + record.diagnostic())
                .collect(Collectors.joining("\n"));
    }

    /** Replays the campaign's history and every experiment's against the current workflow code. */
    void replayAll(String campaignId) throws Exception {
        WorkflowReplayer.replayWorkflowExecution(client().fetchHistory(campaignId), CampaignWorkflowImpl.class);
        for (ExperimentRecord record : store.campaignExperiments(campaignId)) {
            WorkflowReplayer.replayWorkflowExecution(client().fetchHistory(record.experimentId()),
                    ExperimentWorkflowImpl.class);
        }
    }

    private WorkflowClient client() {
        return environment.getWorkflowClient();
    }

    @Override
    public void close() throws Exception {
        environment.close();
        s3.close();
        try (var connection = database.getConnection(); var statement = connection.createStatement()) {
            statement.execute("shutdown");
        }
    }
}
