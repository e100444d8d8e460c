package dev.asiarch.app.cli;

import dev.asiarch.app.AsiArchApplication;
import dev.asiarch.app.config.AsiArchProperties;
import dev.asiarch.kernels.cuda.CudaDevice;
import dev.asiarch.kernels.cuda.FusedDeltaRule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code worker}: serve task queues of a deployment whose Temporal service and object store run
 * elsewhere, until stopped: a GPU worker (one per GPU; trains one candidate at a time), an agents
 * worker, or an orchestrator. A GPU-only worker opens no database.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Serve task queues against a running Temporal service and object store until stopped "
                + "(Ctrl-C or SIGTERM): gpu runs candidates in child JVMs, llm runs the research agents, "
                + "orchestration runs the workflows and the store.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "2:bad command line", "3:could not start (service unreachable, bad setting)"})
public final class WorkerCommand implements Callable<Integer> {

    private static final List<String> STORE_FREE = List.of(
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
            "org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration");

    @Spec
    private CommandSpec spec;

    @Option(names = "--queues", defaultValue = "gpu", split = ",", paramLabel = "QUEUE,...",
            description = "task queues to serve: any of gpu, llm, orchestration (default: ${DEFAULT-VALUE})")
    private List<String> queues;

    @Option(names = "--temporal", paramLabel = "HOST:PORT", required = true,
            description = "the Temporal frontend, e.g. temporal.internal:7233 or the host running discover")
    private String temporal;

    @Option(names = "--namespace", defaultValue = AsiArchProperties.Temporal.DEFAULT_NAMESPACE,
            description = "Temporal namespace (default: ${DEFAULT-VALUE})")
    private String namespace;

    @Option(names = "--s3-endpoint", paramLabel = "URL", required = true,
            description = "the object store, e.g. http://minio:9000; keys come from S3_ACCESS_KEY and S3_SECRET_KEY")
    private String s3Endpoint;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./asi-arch-worker",
            description = "local folder for candidate work folders (default: ${DEFAULT-VALUE})")
    private Path dataDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "any configuration property")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() {
        List<String> served = queues.stream().map(queue -> queue.strip().toLowerCase(Locale.ROOT)).toList();
        for (String queue : served) {
            if (!AsiArchProperties.WORKER_KINDS.contains(queue)) {
                throw new ParameterException(spec.commandLine(), "--queues: '" + queue + "' is not a queue; known: "
                        + String.join(", ", AsiArchProperties.WORKER_KINDS));
            }
        }
        if (!temporal.matches("[^:\\s]+:\\d{1,5}")) {
            throw new ParameterException(spec.commandLine(), "--temporal must look like HOST:PORT, was " + temporal);
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch closed = new CountDownLatch(1);
        Optional<ConfigurableApplicationContext> started = ApplicationStart.start(AsiArchApplication.commandLine()
                .listeners(event -> {
                    if (event instanceof ContextClosedEvent) {
                        closed.countDown();
                    }
                }), springArguments(served), spec, "asi-arch worker");
        if (started.isEmpty()) {
            return ExitCodes.STARTUP;
        }
        ConfigurableApplicationContext context = started.get();
        out.printf("worker serving %s on %s (namespace %s), objects at %s; stop with Ctrl-C%n",
                String.join(", ", served), temporal, namespace, s3Endpoint);
        if (served.contains("gpu")) {
            // One line on what the fused kernels would run on; candidates train on PyTorch's device either way.
            String off = FusedDeltaRule.switchedOff(System.getenv(FusedDeltaRule.SWITCH));
            out.println("gpu: " + CudaDevice.probe().line() + (off == null ? "" : "; fused kernels off: " + off));
        }
        out.flush();
        // Spring's shutdown hook closes the context on SIGTERM or Ctrl-C: running activities are
        // abandoned and retried elsewhere from their last checkpoint.
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.close();
        }
        return ExitCodes.OK;
    }

    private String[] springArguments(List<String> served) {
        List<String> args = new ArrayList<>(List.of(
                "--asi-arch.workers=" + String.join(",", served),
                "--asi-arch.data-dir=" + dataDir,
                "--asi-arch.temporal.mode=remote",
                "--asi-arch.temporal.target=" + temporal,
                "--asi-arch.temporal.namespace=" + namespace,
                "--asi-arch.s3.mode=remote",
                "--asi-arch.s3.endpoint=" + s3Endpoint,
                // Resolved from the environment, so keys never appear in a process listing.
                "--asi-arch.s3.access-key=${S3_ACCESS_KEY:}",
                "--asi-arch.s3.secret-key=${S3_SECRET_KEY:}"));
        if (!served.contains("orchestration") && !served.contains("llm")) {
            args.add("--spring.autoconfigure.exclude=" + String.join(",", STORE_FREE));
        }
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        return args.toArray(String[]::new);
    }
}
