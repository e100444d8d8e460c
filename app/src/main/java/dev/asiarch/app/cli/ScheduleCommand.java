package dev.asiarch.app.cli;

import dev.asiarch.app.config.AsiArchProperties;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.workflows.TaskQueues;
import dev.asiarch.workflows.campaign.CampaignInput;
import dev.asiarch.workflows.campaign.CampaignSpec;
import dev.asiarch.workflows.campaign.CampaignState;
import dev.asiarch.workflows.campaign.CampaignWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code schedule}: continuous discovery on a real Temporal service: a Temporal Schedule that starts a
 * campaign every interval. Each run's campaign takes the workflow id the schedule gives it (the schedule
 * id and the time), so runs never collide. Pause, trigger and backfill it from the Temporal UI or CLI.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Create a Temporal Schedule that starts a discovery campaign every interval (needs a real "
                + "Temporal service; the embedded one has no schedules: use 'discover --every' there).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:schedule created", "2:bad command line, or a schedule with that id exists",
                "3:the service cannot be reached or has no schedules"})
public final class ScheduleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--temporal", paramLabel = "HOST:PORT", required = true, description = "the Temporal frontend")
    private String temporal;

    @Option(names = "--namespace", defaultValue = AsiArchProperties.Temporal.DEFAULT_NAMESPACE,
            description = "Temporal namespace (default: ${DEFAULT-VALUE})")
    private String namespace;

    @Option(names = "--id", defaultValue = "asi-arch-discovery", description = "schedule id (default: ${DEFAULT-VALUE})")
    private String id;

    @Option(names = "--every", required = true, converter = Every.class, paramLabel = "INTERVAL",
            description = "how often a campaign starts, e.g. 6h, 1d or PT6H")
    private Duration every;

    @Option(names = "--experiments", defaultValue = "20", paramLabel = "N",
            description = "candidate experiments per campaign (default: ${DEFAULT-VALUE})")
    private int experiments;

    @Option(names = "--profile", defaultValue = CampaignSpec.DEFAULT_PROFILE, paramLabel = "NAME",
            description = "screening profile (default: ${DEFAULT-VALUE})")
    private String profile;

    @Option(names = "--seed", defaultValue = "" + CampaignSpec.DEFAULT_SEED,
            description = "campaign seed (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--parallel", defaultValue = "" + CampaignSpec.DEFAULT_PARALLELISM, paramLabel = "P",
            description = "experiments in flight per campaign (default: ${DEFAULT-VALUE})")
    private int parallel;

    @Override
    public Integer call() {
        if (experiments < 1) {
            throw new ParameterException(spec.commandLine(), "--experiments must be at least 1, was " + experiments);
        }
        if (parallel < 1) {
            throw new ParameterException(spec.commandLine(), "--parallel must be at least 1, was " + parallel);
        }
        if (every.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new ParameterException(spec.commandLine(), "--every must be at least a minute, was " + every);
        }
        try {
            ScreeningProfiles.byName(profile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--profile: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(temporal).build());
        try {
            ScheduleClient.newInstance(service, ScheduleClientOptions.newBuilder().setNamespace(namespace).build())
                    .createSchedule(id, schedule(CampaignSpec.of("", experiments, profile, seed).withParallelism(parallel),
                            every, id), ScheduleOptions.newBuilder().build());
        } catch (RuntimeException e) {
            Status.Code code = statusOf(e);
            if (code == Status.Code.ALREADY_EXISTS || String.valueOf(e.getMessage()).contains("already")) {
                err.println("asi-arch schedule: a schedule '" + id + "' exists already; pick another --id or delete it "
                        + "with: temporal schedule delete --schedule-id " + id);
                err.flush();
                return ExitCodes.USAGE;
            }
            err.println("asi-arch schedule: the Temporal service at " + temporal + (code == Status.Code.UNIMPLEMENTED
                    ? " has no schedules (the embedded server has none): run 'asi-arch discover --every "
                    + every.toString().substring(2).toLowerCase(Locale.ROOT) + "' there instead"
                    : " refused: " + (code != null ? code + " " : "") + e.getMessage()));
            err.flush();
            return ExitCodes.STARTUP;
        } finally {
            service.shutdownNow();
        }
        out.printf("schedule %s: a campaign of %d experiments (%s) every %s on %s; pause, trigger or backfill it "
                + "from the Temporal UI or with 'temporal schedule ... --schedule-id %s'%n", id, experiments, profile,
                every, temporal, id);
        out.flush();
        return ExitCodes.OK;
    }

    /** The schedule: every {@code every}, start a campaign like {@code increment} on the orchestration queue. */
    static Schedule schedule(CampaignSpec increment, Duration every, String id) {
        return Schedule.newBuilder()
                .setAction(ScheduleActionStartWorkflow.newBuilder()
                        .setWorkflowType(CampaignWorkflow.class)
                        .setArguments(CampaignInput.of(increment), CampaignState.start())
                        .setOptions(WorkflowOptions.newBuilder()
                                .setWorkflowId(id)
                                .setTaskQueue(TaskQueues.ORCHESTRATION)
                                .build())
                        .build())
                .setSpec(ScheduleSpec.newBuilder()
                        .setIntervals(List.of(new ScheduleIntervalSpec(every)))
                        .build())
                .build();
    }

    private static Status.Code statusOf(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException status) {
                return status.getStatus().getCode();
            }
        }
        return null;
    }
}
