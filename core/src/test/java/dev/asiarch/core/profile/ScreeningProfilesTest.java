package dev.asiarch.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScreeningProfilesTest {

    @Test
    void unknownProfileListsTheKnownOnes() {
        assertThat(ScreeningProfiles.byName("cpu-tiny")).isSameAs(ScreeningProfiles.CPU_TINY);
        assertThatThrownBy(() -> ScreeningProfiles.byName("cpu-large"))
                .hasMessage("screening profile 'cpu-large' is unknown; known: cpu-small, cpu-smoke, cpu-tiny, gpu-20m, gpu-340m");
    }

    @Test
    void unknownCapabilityTaskIsRejected() {
        assertThatThrownBy(() -> new CapabilityBenchmark("sorting", 64, 8, 16, 1, 10, 8, 1e-3, 1))
                .hasMessage("capability task 'sorting' is unknown; known: mqar, mqar-updates, selective-copying, induction");
    }

    @Test
    void paperScaleProfileMatchesTheExplorationSetup() {
        ScreeningProfile profile = ScreeningProfiles.byName("gpu-20m");
        assertThat(profile.dim()).isEqualTo(256);
        assertThat(profile.layers()).isEqualTo(8);
        assertThat(profile.context()).isEqualTo(2048);
        assertThat(profile.steps()).isEqualTo(2000);
        assertThat(profile.trainingTokens()).isEqualTo(2000L * 256 * 2048);
    }

    @Test
    void inconsistentProfileIsRejectedWithTheReason() {
        assertThatThrownBy(() -> new ScreeningProfile("bad", 64, 2, 128, 8, 10, 1e-3, 10, 0, 4, 1_000_000, 0.05, 1,
                1_000_000, 5, List.of(), Duration.ofMinutes(1), Duration.ofMinutes(1)))
                .hasMessageContaining("screening profile 'bad': warmupSteps must be in [0, steps)");
    }
}
