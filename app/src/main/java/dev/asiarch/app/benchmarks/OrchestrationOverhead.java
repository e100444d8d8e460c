package dev.asiarch.app.benchmarks;

import dev.asiarch.app.AsiArchApplication;
import dev.asiarch.app.campaign.CampaignRunner;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.workflows.campaign.CampaignResult;
import dev.asiarch.workflows.campaign.CampaignSpec;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark program: what orchestration costs. Runs a campaign on the embedded stack, then reads every
 * experiment's Temporal history: its wall time, the time its candidate activities ran (checks and
 * training, in child JVMs) and the time its agent activities ran. Overhead is what is left, over wall
 * time: queueing, workflow tasks, the store, artifact uploads outside activities, and gaps between
 * experiments.
 *
 * <pre>
 * java -cp app/target/asi-arch.jar dev.asiarch.app.benchmarks.OrchestrationOverhead 10 cpu-tiny
 * </pre>
 */
public final class OrchestrationOverhead {

    private static final Set<String> CANDIDATE = Set.of("Implement", "Screen");
    private static final Set<String> AGENT = Set.of("SeedProposal", "Propose", "Check", "Repair", "Judge", "Analyse");

    private OrchestrationOverhead() {
    }

    public static void main(String[] args) throws Exception {
        int experiments = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String profile = args.length > 1 ? args[1] : "cpu-tiny";
        Path data = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("asi-arch-overhead");
        PrintWriter out = new PrintWriter(System.out, true);
        try (ConfigurableApplicationContext context = AsiArchApplication.commandLine()
                .run("--asi-arch.data-dir=" + data, "--asi-arch.temporal.embedded-port=" + freePort())) {
            CampaignRunner runner = context.getBean(CampaignRunner.class);
            String campaignId = "overhead-" + System.currentTimeMillis();
            long started = System.nanoTime();
            CampaignResult result = runner.run(CampaignSpec.of(campaignId, experiments, profile, 1), out);
            double campaignSeconds = (System.nanoTime() - started) / 1e9;
            WorkflowClient client = context.getBean(WorkflowClient.class);
            List<ExperimentRecord> records = runner.store().campaignExperiments(campaignId);
            out.printf(Locale.ROOT, "%n%-28s %9s %9s %9s %9s %8s%n", "experiment", "wall s", "cand. s", "agent s",
                    "other s", "other %");
            double wall = 0;
            double candidate = 0;
            double agent = 0;
            for (ExperimentRecord record : records) {
                Times times = times(client.fetchHistory(record.experimentId()));
                wall += times.wall;
                candidate += times.candidate;
                agent += times.agent;
                double other = times.wall - times.candidate - times.agent;
                out.printf(Locale.ROOT, "%-28s %9.2f %9.2f %9.2f %9.2f %7.2f%%%n", record.experimentId(), times.wall,
                        times.candidate, times.agent, other, 100 * other / times.wall);
            }
            double inside = wall - candidate - agent;
            double outside = campaignSeconds - wall;
            out.printf(Locale.ROOT, "%nprofile %s, %d experiments, %s%n", profile, records.size(), result.phase());
            out.printf(Locale.ROOT, "inside experiments: %.2f s of %.2f s wall is neither candidate nor agent work: %.2f%%%n",
                    inside, wall, 100 * inside / wall);
            out.printf(Locale.ROOT, "whole campaign (client's clock, start to result): %.2f s; overhead %.2f s = %.2f%%%n",
                    campaignSeconds, inside + outside, 100 * (inside + outside) / campaignSeconds);
        }
        System.exit(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Times(double wall, double candidate, double agent) {
    }

    /** Wall time of the workflow, and the time its candidate and agent activities ran (started to closed). */
    private static Times times(WorkflowExecutionHistory history) {
        List<HistoryEvent> events = history.getEvents();
        Map<Long, String> typeBySchedule = new HashMap<>();
        Map<Long, Long> startedAt = new HashMap<>();
        double candidate = 0;
        double agent = 0;
        for (HistoryEvent event : events) {
            if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
                typeBySchedule.put(event.getEventId(),
                        event.getActivityTaskScheduledEventAttributes().getActivityType().getName());
            } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
                startedAt.put(event.getActivityTaskStartedEventAttributes().getScheduledEventId(), millis(event));
            } else {
                long scheduled = closedSchedule(event);
                if (scheduled > 0 && startedAt.containsKey(scheduled)) {
                    double seconds = (millis(event) - startedAt.get(scheduled)) / 1000.0;
                    String type = typeBySchedule.get(scheduled);
                    if (CANDIDATE.contains(type)) {
                        candidate += seconds;
                    } else if (AGENT.contains(type)) {
                        agent += seconds;
                    }
                }
            }
        }
        double wall = (millis(events.get(events.size() - 1)) - millis(events.get(0))) / 1000.0;
        return new Times(wall, candidate, agent);
    }

    private static long closedSchedule(HistoryEvent event) {
        return switch (event.getEventType()) {
            case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> event.getActivityTaskCompletedEventAttributes().getScheduledEventId();
            case EVENT_TYPE_ACTIVITY_TASK_FAILED -> event.getActivityTaskFailedEventAttributes().getScheduledEventId();
            case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> event.getActivityTaskTimedOutEventAttributes().getScheduledEventId();
            default -> 0;
        };
    }

    private static long millis(HistoryEvent event) {
        return event.getEventTime().getSeconds() * 1000 + event.getEventTime().getNanos() / 1_000_000;
    }
}
