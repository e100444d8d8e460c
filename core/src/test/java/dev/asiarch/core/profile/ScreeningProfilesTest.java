package dev.asiarch.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScreeningProfilesTest {

    @Test
    void unknownProfileListsTheKnownOnes() {
        assertThat(ScreeningProfiles.byName("cpu-tiny")).isSameAs(ScreeningProfiles.CPU_TINY);
        assertThatThrownBy(() -> ScreeningProfiles.byName("cpu-small"))
                .hasMessage("screening profile 'cpu-small' is unknown; known: cpu-smoke, cpu-tiny");
    }

    @Test
    void inconsistentProfileIsRejectedWithTheReason() {
        assertThatThrownBy(() -> new ScreeningProfile("bad", 64, 2, 128, 8, 10, 1e-3, 10, 4, 1_000_000, 0.05, 1,
                1_000_000, Duration.ofMinutes(1), Duration.ofMinutes(1)))
                .hasMessageContaining("screening profile 'bad': warmupSteps must be in [0, steps)");
    }
}
