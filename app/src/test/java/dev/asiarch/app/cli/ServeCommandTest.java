package dev.asiarch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.app.testing.Slow;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s refusals: listening beyond this machine without a token, a taken port, a bad port. */
class ServeCommandTest {

    @TempDir
    Path data;

    @Test
    @Slow("boots the application until its start-up fails")
    void refusesToListenBeyondThisMachineWithoutAToken() throws Exception {
        CliRun run = CliRun.of("serve", "--address", "0.0.0.0", "--port", String.valueOf(CliRun.freePort()),
                "--data-dir", data.toString(), "--set", "asi-arch.temporal.embedded-port=" + CliRun.freePort(),
                "--set", "asi-arch.web.token=");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.STARTUP);
        assertThat(run.err()).contains("asi-arch serve: cannot start: server.address is '0.0.0.0', so the dashboard "
                + "and API would answer other machines without a token; set asi-arch.web.token (or the ASI_ARCH_TOKEN "
                + "environment variable), or listen on 127.0.0.1");
    }

    @Test
    @Slow("boots the application until its start-up fails")
    void saysWhichPortIsTakenAndHowToMove() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("serve", "--port", String.valueOf(taken.getLocalPort()), "--data-dir", data.toString(),
                    "--set", "asi-arch.temporal.embedded-port=" + CliRun.freePort());
            assertThat(run.exitCode()).isEqualTo(ExitCodes.STARTUP);
            assertThat(run.err()).contains("port " + taken.getLocalPort() + " is already in use")
                    .contains("pass --port N");
        }
    }

    @Test
    void refusesAPortOutOfRange() {
        CliRun run = CliRun.of("serve", "--port", "70000");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--port must be 0-65535, was 70000");
    }
}
