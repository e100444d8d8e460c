package dev.asiarch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asiarch.app.testing.Slow;
import dev.asiarch.gpu.sandbox.RuntimeClassPath;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json} output is one JSON document on standard output even when the run logs warnings: the
 * command runs in its own JVM, so what lands on the real standard output is what a script would read.
 */
@Slow("runs discover in a JVM of its own on the whole embedded stack")
class JsonOutputTest {

    @TempDir
    Path data;

    @Test
    void discoverWithJsonKeepsTheWarningsOfAFailingCandidateOffStandardOutput() throws Exception {
        // Nothing listens on this port: every call of the researcher fails, Temporal logs each failed
        // attempt as a warning, and the candidate ends as a recorded failure.
        int unreachable = CliRun.freePort();
        Path stdout = data.resolve("stdout.txt");
        Path stderr = data.resolve("stderr.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", shippedClassPath(), "dev.asiarch.app.AsiArchMain",
                "discover", "--experiments", "1", "--profile", "cpu-smoke", "--json",
                "--data-dir", data.resolve("data").toString(),
                "--set", "asi-arch.temporal.embedded-port=" + CliRun.freePort(),
                "--set", "asi-arch.gpu.child-heap=384m",
                "--set", "asi-arch.llm.base-url=http://127.0.0.1:" + unreachable + "/v1",
                "--set", "asi-arch.llm.roles.researcher.model=unreachable-m",
                "--set", "asi-arch.llm.roles.researcher.max-retries=0",
                "--set", "asi-arch.llm.roles.researcher.timeout=5s")
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("discover ended within 5 minutes").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String out = Files.readString(stdout);
        String err = Files.readString(stderr);

        assertThat(process.exitValue()).as(out + err).isEqualTo(ExitCodes.OK);
        assertThat(err).as("a warning was logged, to stderr; stdout held:\n" + out).contains("WARN").contains("Activity failure");
        assertThat(err).contains("e000 DeltaNet: training and benchmarking in a child JVM");
        JsonNode document;
        try (JsonParser parser = ApiClient.JSON.createParser(out)) {
            document = ApiClient.JSON.readTree(parser);
            assertThat(parser.nextToken()).as("nothing after the JSON document:\n" + out).isNull();
        }
        assertThat(document.path("result").path("phase").asText()).isEqualTo("FINISHED");
        JsonNode candidate = document.path("leaderboard").get(1);
        assertThat(candidate.path("status").asText()).isEqualTo("FAILED");
        assertThat(candidate.path("failureReason").asText()).isEqualTo("NO_PROPOSAL");
        // Every row says whether the candidate filter suspects a leak; only trained candidates can be one.
        assertThat(document.path("leaderboard").findValuesAsText("suspectedLeak")).containsExactly("false", "false");
    }

    /**
     * This JVM's class path without test classes and test jars, as the shipped jar has it: the test
     * logging configuration must not stand in for the application's own.
     */
    private static String shippedClassPath() {
        List<String> entries = Arrays.stream(RuntimeClassPath.current().split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
                .toList();
        return entries.stream().collect(Collectors.joining(File.pathSeparator));
    }
}
