package dev.asiarch.gpu.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.gpu.testing.Slow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Slow("starts a child JVM")
class ChildJvmTest {

    @Test
    void aChildGetsTheNativeAllocatorSettingsAndOnlyTheEnvironmentItNeeds(@TempDir Path work) throws Exception {
        ChildJvm jvm = new ChildJvm(RuntimeClassPath.current(), ChildLimits.of("128m", "1g", "0", 1));

        ChildJvm.Outcome outcome = jvm.run(PrintsEnvironment.class.getName(), List.of(), Files.createDirectories(work),
                Duration.ofSeconds(60), ChildJvm.Listener.onTick(() -> { }));

        assertThat(outcome.exitCode()).as(outcome.outputTail()).isZero();
        List<String> lines = outcome.outputTail().lines().toList();
        assertThat(lines).contains("MALLOC_ARENA_MAX=1", "MALLOC_MMAP_THRESHOLD_=33554432",
                "MALLOC_TRIM_THRESHOLD_=1073741824");
        // Nothing of the parent's beyond the list the JVM needs: no credentials travel.
        assertThat(lines).noneMatch(line -> line.startsWith("ASI_ARCH_") || line.contains("API_KEY"));
    }

    @Test
    void aChildWithTwoLanesGivesEachHalfItsThreads(@TempDir Path work) throws Exception {
        ChildJvm jvm = new ChildJvm(RuntimeClassPath.current(), ChildLimits.of("128m", "1g", "0", 4));

        ChildJvm.Outcome outcome = jvm.run(PrintsEnvironment.class.getName(), List.of(), Files.createDirectories(work),
                Duration.ofSeconds(60), ChildJvm.Listener.onTick(() -> { }), jvm.limits().trainingLanes());

        assertThat(outcome.exitCode()).as(outcome.outputTail()).isZero();
        // Threads PyTorch did not start read OpenMP's variable; the engine's own setting matches it.
        assertThat(outcome.outputTail().lines().toList()).contains("OMP_NUM_THREADS=2",
                "-Dai.djl.pytorch.num_threads=2", "-D" + ChildJvm.LANES_PROPERTY + "=2");
    }

    @Test
    void oneThreadMeansOneLane() {
        assertThat(ChildLimits.of("128m", "1g", "0", 1).trainingLanes()).isEqualTo(1);
        assertThat(ChildLimits.of("128m", "1g", "0", 2).trainingLanes()).isEqualTo(2);
        assertThat(ChildLimits.of("128m", "1g", "0", 16).trainingLanes()).isEqualTo(2);
    }
}
