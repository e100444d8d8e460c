package dev.asiarch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.app.testing.Slow;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input on the command line or in settings is a clear message and an exit code, never a stack trace. */
class DiscoverCommandTest {

    @TempDir
    Path data;

    @Test
    void unknownOptionIsAUsageErrorNamingIt() {
        CliRun run = CliRun.of("discover", "--experimentz", "3");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unknown options: '--experimentz'").contains("Possible solutions: --experiments");
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        CliRun zero = CliRun.of("discover", "--experiments", "0");
        CliRun word = CliRun.of("discover", "--experiments", "three");
        CliRun profile = CliRun.of("discover", "--profile", "cpu-large");

        assertThat(zero.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err()).contains("--experiments must be at least 1, was 0");
        assertThat(word.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(word.err()).contains("'three' is not an int").contains("--experiments");
        assertThat(profile.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(profile.err()).contains("screening profile 'cpu-large' is unknown; known: cpu-small, cpu-smoke,"
                + " cpu-tiny, gpu-20m, gpu-340m");
    }

    @Test
    void badCampaignShapesAreUsageErrorsThatSayWhatIsAllowed() {
        CliRun parallel = CliRun.of("discover", "--parallel", "0");
        CliRun gpu = CliRun.of("discover", "--gpu-budget", "-2");
        CliRun seeds = CliRun.of("discover", "--validate-top", "2", "--validation-seeds", "1");
        CliRun validationProfile = CliRun.of("discover", "--validate-top", "2", "--validation-profile", "huge");

        assertThat(parallel.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(parallel.err()).contains("--parallel must be at least 1, was 0");
        assertThat(gpu.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(gpu.err()).contains("--gpu-budget must be a number of hours >= 0, was -2.0");
        assertThat(seeds.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(seeds.err()).contains("--validation-seeds must be at least 2 for a significance test, was 1");
        assertThat(validationProfile.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(validationProfile.err()).contains("--validation-profile: screening profile 'huge' is unknown");
    }

    @Test
    void workerAndReplayArgumentsAreCheckedBeforeAnythingStarts() {
        CliRun noTemporal = CliRun.of("worker", "--s3-endpoint", "http://127.0.0.1:9000");
        CliRun badQueue = CliRun.of("worker", "--queues", "gpu,tpu", "--temporal", "127.0.0.1:7233",
                "--s3-endpoint", "http://127.0.0.1:9000");
        CliRun badTarget = CliRun.of("worker", "--temporal", "temporal.example", "--s3-endpoint", "http://x:9000");
        CliRun noExperiment = CliRun.of("replay");

        assertThat(noTemporal.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noTemporal.err()).contains("Missing required option: '--temporal=HOST:PORT'");
        assertThat(badQueue.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badQueue.err()).contains("--queues: 'tpu' is not a queue; known: orchestration, llm, gpu");
        assertThat(badTarget.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badTarget.err()).contains("--temporal must look like HOST:PORT, was temporal.example");
        assertThat(noExperiment.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noExperiment.err()).contains("Missing required parameter: 'EXPERIMENT'");
    }

    @Test
    void aCommandIsRequired() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("a command is required");
    }

    @Test
    @Slow("boots the application until its start-up fails")
    void takenTemporalPortNamesThePortAndTheSettingToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));
            int port = taken.getLocalPort();

            CliRun run = CliRun.of("discover", "--data-dir", data.toString(),
                    "--set", "asi-arch.temporal.embedded-port=" + port);

            assertThat(run.exitCode()).isEqualTo(ExitCodes.STARTUP);
            assertThat(run.err()).contains("port " + port + " is already in use")
                    .contains("asi-arch.temporal.embedded-port")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    @Slow("boots the application until its start-up fails")
    void takenDashboardPortSaysHowToMoveIt() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();

            CliRun run = CliRun.of("discover", "--dashboard", "--data-dir", data.toString(),
                    "--set", "asi-arch.temporal.embedded-port=" + CliRun.freePort(), "--set", "server.port=" + port);

            assertThat(run.exitCode()).isEqualTo(ExitCodes.STARTUP);
            assertThat(run.err()).contains("port " + port + " is already in use (server.port, the dashboard's)")
                    .contains("--set server.port=N").doesNotContain("\tat ");
        }
    }

    @Test
    @Slow("boots the application until its start-up fails")
    void badSettingFailsStartUpNamingTheProperty() throws Exception {
        CliRun run = CliRun.of("discover", "--data-dir", data.toString(),
                "--set", "asi-arch.gpu.child-heap=lots",
                "--set", "asi-arch.temporal.embedded-port=" + CliRun.freePort());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.STARTUP);
        assertThat(run.err()).contains("asi-arch.gpu.child-heap must look like 512m or 2g, was lots");
    }

    @Test
    @Slow("boots the application until its start-up fails")
    void sandboxAndEngineerSettingsAreCheckedAtStartUp() throws Exception {
        CliRun tooSmall = CliRun.of("discover", "--data-dir", data.toString(),
                "--set", "asi-arch.gpu.child-address-space=2g",
                "--set", "asi-arch.temporal.embedded-port=" + CliRun.freePort());
        CliRun hot = CliRun.of("discover", "--data-dir", data.toString(),
                "--set", "asi-arch.llm.roles.engineer.model=coder", "--set", "asi-arch.llm.roles.engineer.temperature=7",
                "--set", "asi-arch.temporal.embedded-port=" + CliRun.freePort());
        CliRun negative = CliRun.of("discover", "--repair-rounds", "-1");

        assertThat(tooSmall.exitCode()).isEqualTo(ExitCodes.STARTUP);
        assertThat(tooSmall.err()).contains("asi-arch.gpu: child address space of 2048 MiB is too small for a 1g heap")
                .contains("use at least 4608 MiB, or 0 for no limit");
        assertThat(hot.exitCode()).isEqualTo(ExitCodes.STARTUP);
        assertThat(hot.err()).contains("asi-arch.llm.roles.engineer: engineer.temperature must be between 0 and 2, was 7.0");
        assertThat(negative.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(negative.err()).contains("--repair-rounds cannot be negative, was -1");
    }

    @Test
    @Slow("boots the application until its start-up fails")
    void clusterModeWithoutItsVariablesNamesTheMissingOne() throws Exception {
        CliRun run = CliRun.of("discover", "--data-dir", data.toString(),
                "--set", "spring.profiles.active=cluster");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.STARTUP);
        assertThat(run.err()).containsAnyOf("TEMPORAL_ADDRESS", "S3_ENDPOINT", "DATABASE_URL");
    }
}
