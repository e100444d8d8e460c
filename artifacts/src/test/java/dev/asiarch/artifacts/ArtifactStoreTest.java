package dev.asiarch.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {

    @TempDir
    Path folder;

    @Test
    void roundTripsExperimentArtifactsThroughTheEmbeddedServer() throws Exception {
        try (EmbeddedS3Server server = EmbeddedS3Server.start(folder, 0, "asi-arch", "asi-arch.s3.embedded-port")) {
            ArtifactStore store = new ArtifactStore(server.settings());
            store.ensureBucket();
            store.ensureBucket();
            ArtifactKey source = ArtifactKey.experimentFile("c1", "c1-e001", "source/DeltaNet.java");
            ArtifactKey metrics = ArtifactKey.experimentFile("c1", "c1-e001", "metrics.json");

            store.putText(source, "public final class DeltaNet {}", "text/x-java");
            store.put(metrics, new byte[] {1, 2, 3}, "application/octet-stream");

            assertThat(store.getText(source)).isEqualTo("public final class DeltaNet {}");
            assertThat(store.get(metrics)).containsExactly(1, 2, 3);
            assertThat(store.exists(metrics)).isTrue();
            assertThat(store.exists(ArtifactKey.experimentFile("c1", "c1-e001", "absent.txt"))).isFalse();
            assertThat(store.list(ArtifactKey.experimentPrefix("c1", "c1-e001")))
                    .containsExactly("campaigns/c1/experiments/c1-e001/metrics.json",
                            "campaigns/c1/experiments/c1-e001/source/DeltaNet.java");
        }
        // The filesystem backend keeps the objects in the data folder after the server stops.
        assertThat(Files.exists(folder.resolve("asi-arch/campaigns/c1/experiments/c1-e001/metrics.json"))).isTrue();
    }

    @Test
    void keepsTheArtifactsOfACampaignNamedByATemporalSchedulesRun() throws Exception {
        String campaign = "nightly-2026-11-22T06:00:00Z";
        try (EmbeddedS3Server server = EmbeddedS3Server.start(folder, 0, "asi-arch", "asi-arch.s3.embedded-port")) {
            ArtifactStore store = new ArtifactStore(server.settings());
            store.ensureBucket();
            ArtifactKey log = ArtifactKey.experimentFile(campaign, campaign + "-e001", "train.log");

            store.putText(log, "step 1 loss 5.5", "text/plain");

            assertThat(log.path()).isEqualTo("campaigns/nightly-2026-11-22T06:00:00Z/experiments/"
                    + "nightly-2026-11-22T06:00:00Z-e001/train.log");
            assertThat(store.getText(log)).isEqualTo("step 1 loss 5.5");
            assertThat(store.list(ArtifactKey.experimentPrefix(campaign, campaign + "-e001")))
                    .containsExactly(log.path());
        }
    }

    @Test
    void rejectsKeysThatEscapeTheLayout() {
        assertThatThrownBy(() -> new ArtifactKey("campaigns/../etc/passwd")).hasMessageContaining("must be");
        assertThatThrownBy(() -> ArtifactKey.experimentFile("c 1", "e", "f")).hasMessageContaining("'c 1'");
    }

    @Test
    void takenPortNamesThePortAndTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedS3Server.start(folder, port, "b", "asi-arch.s3.embedded-port"))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("asi-arch.s3.embedded-port");
        }
    }
}
