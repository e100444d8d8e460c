package dev.asiarch.core.profile;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The named screening profiles a campaign can choose from. */
public final class ScreeningProfiles {

    /**
     * About half a minute of training on two CPU cores: a two-layer, width-64 byte-level model on
     * 300 x 8 x 128 bytes of Europarl text.
     */
    public static final ScreeningProfile CPU_TINY = new ScreeningProfile(
            "cpu-tiny", 64, 2, 128, 8, 300, 3e-3, 30, 16,
            4_000_000L, 0.05, 17L, 2_000_000L,
            Duration.ofMinutes(3), Duration.ofMinutes(15));

    /**
     * Seconds, not minutes: one layer of width 32 for 30 steps. For checking an installation and for
     * tests; its losses say nothing about an architecture.
     */
    public static final ScreeningProfile CPU_SMOKE = new ScreeningProfile(
            "cpu-smoke", 32, 1, 64, 4, 30, 3e-3, 5, 4,
            400_000L, 0.05, 17L, 500_000L,
            Duration.ofMinutes(2), Duration.ofMinutes(5));

    private static final Map<String, ScreeningProfile> BY_NAME = List.of(CPU_TINY, CPU_SMOKE).stream()
            .collect(Collectors.toUnmodifiableMap(ScreeningProfile::name, Function.identity()));

    private ScreeningProfiles() {
    }

    /** The profile called {@code name}, or an error that lists the known ones. */
    public static ScreeningProfile byName(String name) {
        ScreeningProfile profile = BY_NAME.get(name);
        if (profile == null) {
            throw new IllegalArgumentException("screening profile '" + name + "' is unknown; known: " + names());
        }
        return profile;
    }

    public static String names() {
        return BY_NAME.keySet().stream().sorted().collect(Collectors.joining(", "));
    }
}
