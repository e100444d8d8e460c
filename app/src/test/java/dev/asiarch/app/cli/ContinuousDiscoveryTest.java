package dev.asiarch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.app.testing.Slow;
import dev.asiarch.app.wiring.EmbeddedTemporalServer;
import dev.asiarch.workflows.TaskQueues;
import dev.asiarch.workflows.campaign.CampaignInput;
import dev.asiarch.workflows.campaign.CampaignSpec;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuous discovery: the embedded loop end to end, and the Temporal Schedule a real service gets
 * (this machine has no such service: the schedule's shape is checked, and the embedded server's
 * refusal is the message a user sees).
 */
class ContinuousDiscoveryTest {

    @TempDir
    Path data;

    @Test
    @Slow("runs two campaigns on the whole embedded stack, training in child JVMs")
    void theEmbeddedLoopRunsACampaignPerIntervalUntilItsIncrementsRan() {
        CliRun run = CliRun.of("discover", "--experiments", "1", "--profile", "cpu-smoke", "--every", "1s",
                "--increments", "2", "--data-dir", data.toString(),
                "--set", "asi-arch.temporal.embedded-port=" + freePort());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).containsPattern("loop loop-\\S+: a campaign of 1 experiments every PT1S, 2 times")
                .contains("timer-driven workflow")
                .containsPattern("loop-\\S+-001: FINISHED, 1 experiments \\(1 trained\\)")
                .containsPattern("loop-\\S+-002: FINISHED, 1 experiments \\(1 trained\\)")
                .contains("ended after 2 campaigns");
    }

    @Test
    void theScheduleStartsACampaignNamedByItsRunOnTheOrchestrationQueue() {
        Schedule schedule = ScheduleCommand.schedule(CampaignSpec.of("", 20, "cpu-tiny", 1), Duration.ofHours(6),
                "nightly");

        ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) schedule.getAction();
        assertThat(action.getWorkflowType()).isEqualTo("CampaignWorkflow");
        assertThat(action.getOptions().getWorkflowId()).isEqualTo("nightly");
        assertThat(action.getOptions().getTaskQueue()).isEqualTo(TaskQueues.ORCHESTRATION);
        // No campaign id of its own: each run takes its workflow's, which the schedule makes unique.
        assertThat(action.getArguments().get(0, CampaignInput.class).campaignId()).isEmpty();
        assertThat(schedule.getSpec().getIntervals()).singleElement()
                .satisfies(interval -> assertThat(interval.getEvery()).isEqualTo(Duration.ofHours(6)));
    }

    @Test
    void aServerWithoutSchedulesIsNamedWithWhatToRunInstead() {
        try (EmbeddedTemporalServer server = new EmbeddedTemporalServer(freePort())) {
            CliRun run = CliRun.of("schedule", "--temporal", server.target(), "--every", "6h");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.STARTUP);
            assertThat(run.err()).contains("has no schedules (the embedded server has none): run "
                    + "'asi-arch discover --every 6h' there instead");
        }
    }

    @Test
    void badIntervalsAreUsageErrorsWithExamples() {
        CliRun word = CliRun.of("schedule", "--temporal", "127.0.0.1:7233", "--every", "hourly");
        CliRun tooOften = CliRun.of("schedule", "--temporal", "127.0.0.1:7233", "--every", "10s");
        CliRun loneIncrements = CliRun.of("discover", "--increments", "3");

        assertThat(word.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(word.err()).contains("'hourly' is not an interval; write e.g. 90s, 30m, 6h, 1d or PT6H");
        assertThat(tooOften.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(tooOften.err()).contains("--every must be at least a minute, was PT10S");
        assertThat(loneIncrements.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(loneIncrements.err()).contains("--increments needs --every INTERVAL");
    }

    private static int freePort() {
        try {
            return CliRun.freePort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
