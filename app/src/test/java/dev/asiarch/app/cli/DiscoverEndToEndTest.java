package dev.asiarch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asiarch.app.testing.Slow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command, in process, on the seconds-long profile: the whole embedded stack. */
@Slow("runs discover on the whole embedded stack, training in child JVMs")
class DiscoverEndToEndTest {

    @TempDir
    Path data;

    @Test
    void discoverRunsACampaignRecordsItAndPrintsTheLeaderboard() throws Exception {
        CliRun run = CliRun.of("discover", "--experiments", "2", "--profile", "cpu-smoke", "--seed", "4",
                "--data-dir", data.toString(), "--set", "asi-arch.temporal.embedded-port=" + CliRun.freePort());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("e000 DeltaNet: training and benchmarking in a child JVM")
                .contains("rank  name").contains("TRAINED baseline");
        String campaignId = run.out().lines().filter(line -> line.startsWith("campaign "))
                .findFirst().orElseThrow().split("[ :]")[1];

        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("db/asi-arch"), "sa", "");
             ResultSet rows = db.createStatement().executeQuery(
                     "select count(*), count(distinct name), min(validation_loss), max(validation_loss) "
                             + "from experiment where status = 'TRAINED' and campaign_id = '" + campaignId + "'")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(3);
            assertThat(rows.getInt(2)).isEqualTo(3);
            assertThat(rows.getDouble(3)).isPositive().isLessThan(rows.getDouble(4));
        }
        // The offline Analyst wrote every candidate's analysis, retrieved cognition for it and summarised it;
        // no agent step failed.
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("db/asi-arch"), "sa", "");
             ResultSet rows = db.createStatement().executeQuery(
                     "select count(distinct a.experiment_id), count(distinct c.experiment_id), min(length(a.summary)), "
                             + "(select count(*) from experiment_incident) "
                             + "from analysis a left join analysis_cognition c on c.experiment_id = a.experiment_id")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(2);
            assertThat(rows.getInt(2)).isEqualTo(2);
            assertThat(rows.getInt(3)).isGreaterThan(40);
            assertThat(rows.getInt(4)).isZero();
        }
        Path experiments = data.resolve("s3/asi-arch/campaigns/" + campaignId + "/experiments");
        try (Stream<Path> folders = Files.list(experiments)) {
            List<Path> all = folders.toList();
            assertThat(all).hasSize(3);
            for (Path experiment : all) {
                assertThat(experiment.resolve("checks.json")).exists();
                assertThat(experiment.resolve("train.log")).exists();
                assertThat(experiment.resolve("metrics.json")).exists();
                try (Stream<Path> sources = Files.list(experiment.resolve("source"))) {
                    assertThat(sources.toList()).singleElement()
                            .satisfies(source -> assertThat(source.toString()).endsWith(".java"));
                }
            }
        }
    }

    @Test
    void discoverWithJsonPrintsOnlyTheResultOnStdout() throws Exception {
        CliRun run = CliRun.of("discover", "--experiments", "1", "--profile", "cpu-smoke", "--json",
                "--data-dir", data.toString(), "--set", "asi-arch.temporal.embedded-port=" + CliRun.freePort());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).contains("e000 DeltaNet: training and benchmarking in a child JVM");
        JsonNode result = ApiClient.JSON.readTree(run.out());
        assertThat(result.path("result").path("phase").asText()).isEqualTo("FINISHED");
        assertThat(result.path("leaderboard")).hasSize(2);
        assertThat(result.path("leaderboard").get(0).path("rank").asInt()).isEqualTo(1);
        assertThat(result.path("artifacts").asText()).endsWith("/experiments/<id>/");
    }
}
