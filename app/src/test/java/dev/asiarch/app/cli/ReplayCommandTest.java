package dev.asiarch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.store.ExperimentStoreTest;
import dev.asiarch.app.testing.Slow;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.program.MixerSource;
import dev.asiarch.workflows.campaign.CampaignSpec;
import dev.asiarch.workflows.campaign.PoolRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@code replay}: a recorded experiment trained again from its manifest, and the ones that cannot be. */
@Slow("runs discover, then replays and refuses through the records-reading application")
class ReplayCommandTest {

    @TempDir
    Path data;

    @Test
    void aRecordedExperimentIsTrainedAgainFromItsManifestAndReproducesItsLoss() throws Exception {
        CliRun discover = CliRun.of("discover", "--experiments", "1", "--profile", "cpu-smoke", "--seed", "9",
                "--data-dir", data.toString(), "--set", "asi-arch.temporal.embedded-port=" + CliRun.freePort());
        assertThat(discover.exitCode()).as(discover.out() + discover.err()).isEqualTo(ExitCodes.OK);
        String campaignId = discover.out().lines().filter(line -> line.startsWith("campaign "))
                .findFirst().orElseThrow().split("[ :]")[1];
        String experimentId = campaignId + "-e001";
        ExperimentRecord record = store().find(experimentId).orElseThrow();
        JsonNode manifest = new ObjectMapper().readTree(Files.readString(data.resolve("s3/asi-arch/campaigns/"
                + campaignId + "/experiments/" + experimentId + "/manifest.json")));
        assertThat(manifest.path("sourceSha256").asText()).isEqualTo(MixerSource.sha256(record.source()));
        assertThat(manifest.path("parentId").asText()).isEqualTo(campaignId + "-e000");
        // The candidate's own seed, scrambled from the campaign's seed (9) and its index (1).
        long seed = PoolRules.DISTINCT_SEEDS.experimentSeed(CampaignSpec.of(campaignId, 1, "cpu-smoke", 9), 1);
        assertThat(manifest.path("seed").asLong()).isEqualTo(seed);
        assertThat(manifest.path("profile").asText()).isEqualTo("cpu-smoke");
        assertThat(manifest.path("dataSha256").asText()).hasSize(64);
        assertThat(manifest.path("libraries").path("djl-api").asText()).isNotBlank();
        assertThat(manifest.path("libraries").path("pytorch-native-cpu").asText()).isNotBlank();
        assertThat(manifest.path("libraries").path("java").asText()).isNotBlank();

        CliRun replay = CliRun.of("replay", experimentId, "--data-dir", data.toString());

        assertThat(replay.exitCode()).as(replay.out() + replay.err()).isEqualTo(ExitCodes.OK);
        assertThat(replay.out()).contains("replaying " + experimentId + " (" + record.name() + "): profile cpu-smoke, "
                        + "seed " + seed)
                .containsPattern(String.format(java.util.Locale.ROOT, "validation loss %.4f recorded, \\d\\.\\d{4} now "
                        + "\\(difference 0\\.000\\d, tolerance 0\\.0010\\): reproduced",
                        record.metrics().orElseThrow().validationLoss()))
                .doesNotContain("warning:");
    }

    @Test
    void experimentsThatCannotBeReplayedAreRefusedWithTheReason() throws Exception {
        ExperimentStore store = store();
        store.openCampaign("c1", "cpu-smoke", 1, 7, 1L);
        store.record(ExperimentStoreTest.trained("c1-e000", Optional.empty(), List.of(), 2.0, 0.5));

        CliRun unknown = CliRun.of("replay", "c1-e042", "--data-dir", data.toString());
        CliRun noManifest = CliRun.of("replay", "c1-e000", "--data-dir", data.toString());
        CliRun badTolerance = CliRun.of("replay", "c1-e000", "--tolerance", "-1", "--data-dir", data.toString());

        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(unknown.err()).contains("no experiment 'c1-e042' in this data folder; ids look like");
        assertThat(noManifest.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noManifest.err()).contains("experiment c1-e000 has no campaigns/c1/experiments/c1-e000/manifest.json");
        assertThat(badTolerance.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badTolerance.err()).contains("--tolerance must be a number of nats >= 0, was -1.0");
    }

    private ExperimentStore store() {
        DriverManagerDataSource database = new DriverManagerDataSource("jdbc:h2:file:" + data.resolve("db/asi-arch"),
                "sa", "");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        return new ExperimentStore(database);
    }
}
