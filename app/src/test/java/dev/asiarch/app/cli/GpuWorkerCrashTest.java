package dev.asiarch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.app.testing.Eventually;
import dev.asiarch.app.testing.Slow;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.gpu.sandbox.RuntimeClassPath;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The crash drill: a campaign whose GPU work is done by a separate worker process, killed with
 * SIGKILL (with its child JVM, as when a machine dies) after its first checkpoint; a new worker takes
 * over, the retried activity resumes from the checkpoint, and the record equals a clean run's.
 */
@Slow("runs discover, two worker JVMs and a clean campaign for comparison")
class GpuWorkerCrashTest {

    private static final String ACCESS_KEY = "crash-drill";
    private static final String SECRET_KEY = "crash-drill-secret-0123456789";

    @TempDir
    Path data;

    @Test
    void aKilledGpuWorkersExperimentFinishesOnAnotherFromItsLastCheckpointOnce() throws Exception {
        int temporalPort = CliRun.freePort();
        int s3Port = CliRun.freePort();
        Path orchestrator = data.resolve("orchestrator");
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<CliRun> campaign = background.submit(() -> CliRun.of("discover", "--experiments", "1",
                    "--profile", "cpu-smoke", "--seed", "5", "--data-dir", orchestrator.toString(),
                    "--set", "asi-arch.workers=orchestration,llm",
                    "--set", "asi-arch.temporal.embedded-port=" + temporalPort,
                    "--set", "asi-arch.s3.embedded-port=" + s3Port,
                    "--set", "asi-arch.s3.access-key=" + ACCESS_KEY, "--set", "asi-arch.s3.secret-key=" + SECRET_KEY));
            awaitListening(temporalPort, campaign);
            awaitListening(s3Port, campaign);

            Process first = worker("worker-1", temporalPort, s3Port);
            awaitCheckpointHeartbeat(temporalPort, first, campaign);
            killWithChildren(first);
            Process second = worker("worker-2", temporalPort, s3Port);
            CliRun run;
            try {
                run = campaign.get(5, TimeUnit.MINUTES);
            } finally {
                killWithChildren(second);
            }

            assertThat(run.exitCode()).as(run.out() + run.err() + log("worker-2")).isEqualTo(ExitCodes.OK);
            // A worker without CUDA (its class path carries no CUDA natives) says so in one line and trains on.
            assertThat(log("worker-2").lines().filter(line -> line.startsWith("gpu: ")))
                    .singleElement().asString().startsWith("gpu: no usable CUDA device");
            String campaignId = run.out().lines().filter(line -> line.startsWith("campaign "))
                    .findFirst().orElseThrow().split("[ :]")[1];
            ExperimentStore store = new ExperimentStore(new DriverManagerDataSource(
                    "jdbc:h2:file:" + orchestrator.resolve("db/asi-arch"), "sa", ""));
            List<ExperimentRecord> records = store.campaignExperiments(campaignId);
            assertThat(records).extracting(ExperimentRecord::experimentId)
                    .containsExactly(campaignId + "-e000", campaignId + "-e001");
            assertThat(records).allSatisfy(record -> assertThat(record.status()).isEqualTo(ExperimentStatus.TRAINED));
            String trainLog = Files.readString(orchestrator.resolve("s3/asi-arch/campaigns/" + campaignId
                    + "/experiments/" + campaignId + "-e000/train.log"));
            assertThat(trainLog).containsPattern("resumed from checkpoint at step \\d+");
            assertThat(Files.exists(data.resolve("worker-2/work"))).isTrue();

            // The same campaign without a crash, every queue in one process.
            Path clean = data.resolve("clean");
            CliRun reference = CliRun.of("discover", "--experiments", "1", "--profile", "cpu-smoke", "--seed", "5",
                    "--data-dir", clean.toString(), "--set", "asi-arch.temporal.embedded-port=" + CliRun.freePort());
            assertThat(reference.exitCode()).as(reference.out() + reference.err()).isEqualTo(ExitCodes.OK);
            String cleanId = reference.out().lines().filter(line -> line.startsWith("campaign "))
                    .findFirst().orElseThrow().split("[ :]")[1];
            List<ExperimentRecord> cleanRecords = new ExperimentStore(new DriverManagerDataSource(
                    "jdbc:h2:file:" + clean.resolve("db/asi-arch"), "sa", "")).campaignExperiments(cleanId);
            for (int i = 0; i < 2; i++) {
                TrainingMetrics crashed = records.get(i).metrics().orElseThrow();
                TrainingMetrics straight = cleanRecords.get(i).metrics().orElseThrow();
                assertThat(records.get(i).name()).isEqualTo(cleanRecords.get(i).name());
                assertThat(records.get(i).source()).isEqualTo(cleanRecords.get(i).source());
                assertThat(crashed.validationLoss()).isCloseTo(straight.validationLoss(), within(1e-3));
                assertThat(crashed.benchmarks().keySet()).isEqualTo(straight.benchmarks().keySet());
                crashed.benchmarks().forEach((task, accuracy) ->
                        assertThat(accuracy).as(task).isCloseTo(straight.benchmarks().get(task), within(0.02)));
            }
        } finally {
            background.shutdownNow();
        }
    }

    private Process worker(String name, int temporalPort, int s3Port) throws IOException {
        Path folder = Files.createDirectories(data.resolve(name));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", RuntimeClassPath.current(), "dev.asiarch.app.AsiArchMain", "worker",
                "--queues", "gpu", "--temporal", "127.0.0.1:" + temporalPort,
                "--s3-endpoint", "http://127.0.0.1:" + s3Port, "--data-dir", folder.toString(),
                "--set", "asi-arch.gpu.child-heap=384m",
                // cpu-smoke trains for seconds: heartbeats must reach the server well inside that window.
                "--set", "asi-arch.gpu.heartbeat-throttle=200ms")
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("worker.log").toFile());
        builder.environment().put("S3_ACCESS_KEY", ACCESS_KEY);
        builder.environment().put("S3_SECRET_KEY", SECRET_KEY);
        return builder.start();
    }

    /** SIGKILL for the worker and the child JVM it trains in: what a dying machine does to both. */
    private static void killWithChildren(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Waits until Temporal holds a heartbeat of the baseline's screening that names a checkpoint: from
     * then on a retry can resume, whatever happens to this worker.
     */
    private void awaitCheckpointHeartbeat(int temporalPort, Process worker, Future<CliRun> campaign) throws Exception {
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + temporalPort).build());
        try {
            Eventually.until("a heartbeat of the baseline's screening that names a checkpoint", Duration.ofMinutes(3),
                    () -> {
                        if (!worker.isAlive()) {
                            throw new AssertionError("the first worker exited early:\n" + log("worker-1"));
                        }
                        if (campaign.isDone()) {
                            throw new AssertionError("the campaign ended before a heartbeat naming a checkpoint was "
                                    + "seen:\n" + campaign.get().out() + log("worker-1"));
                        }
                        return checkpointHeartbeat(service);
                    }, () -> log("worker-1"));
        } finally {
            service.shutdownNow();
        }
    }

    private static boolean checkpointHeartbeat(WorkflowServiceStubs service) {
        for (String id : runningExperiments(service)) {
            DescribeWorkflowExecutionResponse described = service.blockingStub().describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id)).build());
            for (PendingActivityInfo activity : described.getPendingActivitiesList()) {
                if (activity.getActivityType().getName().equals("Screen")
                        && activity.getHeartbeatDetails().toString().contains("checkpoint.bin")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> runningExperiments(WorkflowServiceStubs service) {
        return service.blockingStub().listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest.newBuilder()
                        .setNamespace("default").setMaximumPageSize(100).build())
                .getExecutionsList().stream()
                .map(execution -> execution.getExecution().getWorkflowId())
                .filter(id -> id.endsWith("-e000"))
                .toList();
    }

    private static void awaitListening(int port, Future<CliRun> campaign) throws Exception {
        Eventually.until("something to listen on port " + port, Duration.ofMinutes(1), () -> {
            if (campaign.isDone()) {
                CliRun early = campaign.get();
                throw new AssertionError("discover ended before a worker joined:\n" + early.out() + early.err());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private String log(String worker) {
        try {
            return Files.readString(data.resolve(worker).resolve("worker.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
