package dev.asiarch.gpu.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.core.experiment.Diagnostic;
import dev.asiarch.core.experiment.FailureReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the child names and words what candidate code threw. */
class CandidateProcessTest {

    @Test
    void aCauseChainThatLoopsIsReadOnceAndEndsAsACrash() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b", a);
        a.initCause(b);

        long started = System.nanoTime();
        FailureReason reason = CandidateProcess.reasonOf(a);
        String diagnostic = CandidateProcess.describe(a, "public final class X extends TokenMixer {}");

        assertThat(reason).isEqualTo(FailureReason.CRASHED);
        assertThat(diagnostic).startsWith("IllegalArgumentException: b");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aCudaAllocationFailureIsOutOfMemory() {
        RuntimeException cuda = new RuntimeException("wrapped", new IllegalStateException(
                "CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 79.15 GiB total capacity)"));

        assertThat(CandidateProcess.reasonOf(cuda)).isEqualTo(FailureReason.OUT_OF_MEMORY);
        assertThat(new ChildJvm.Outcome(1, false, false, 0, "RuntimeError: CUDA error: out of memory").outOfMemory())
                .isTrue();
        assertThat(new ChildJvm.Outcome(1, false, false, 0, "RuntimeError: shapes do not match").outOfMemory())
                .isFalse();
    }

    @Test
    void aHugeMessageIsCutToTheBoundKeepingItsStartAndEnd() {
        String message = "start " + "x".repeat(3_000_000) + " end";

        String diagnostic = CandidateProcess.describe(new IllegalStateException(message), "");

        assertThat(diagnostic.length()).isLessThanOrEqualTo(Diagnostic.LIMIT);
        assertThat(diagnostic).startsWith("IllegalStateException: start").contains("characters cut").endsWith("x end");
    }
}
