package dev.asiarch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.app.testing.Slow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GalleryCommandTest {

    @TempDir
    Path data;

    @Test
    @Slow("trains two programs twice each")
    void screensProgramsWithSeedsAndWritesEveryRun() throws Exception {
        Path csv = data.resolve("gallery.csv");

        CliRun run = CliRun.of("gallery", "--profile", "cpu-smoke", "--seeds", "2",
                "--programs", "DeltaNet,TokenwiseControl", "--data-dir", data.toString(), "--csv", csv.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("DeltaNet seed 2: validation loss")
                .contains("program               val-loss            mqar-32x4           mqar-updates-32x4")
                .contains("pairs differ beyond their spread");
        assertThat(Files.readAllLines(csv)).hasSize(5)
                .first().asString().startsWith("program,seed,status,validation_loss,");
    }

    @Test
    void unknownProgramIsAUsageErrorListingTheKnownOnes() {
        CliRun run = CliRun.of("gallery", "--programs", "DeltaNet,Transformer");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("gallery program 'Transformer' is unknown; known: SoftmaxAttention");
    }
}
