package dev.asiarch.core.profile;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The named screening profiles a campaign can choose from. */
public final class ScreeningProfiles {

    /**
     * The default on a laptop or this 2-core machine: a two-layer, width-64 byte-level model on
     * 300 x 8 x 128 bytes of Europarl text, plus three capability tasks in a one-layer model.
     */
    public static final ScreeningProfile CPU_TINY = new ScreeningProfile(
            "cpu-tiny", 64, 2, 128, 8, 300, 3e-3, 30, 60, 16,
            4_000_000L, 0.05, 17L, 2_000_000L, 100,
            // Each task earns its seconds (TaskYield over the gallery, 3 seeds): induction at this size
            // separated no pair beyond chance-level noise for 11 s of every experiment and is left to the
            // larger profiles; the others were shortened to what keeps their separations.
            List.of(// Separates a mixer that sees other tokens from one that cannot (softmax 0.99, control at chance).
                    new CapabilityBenchmark("mqar", 64, 16, 64, 1, 150, 32, 3e-3, 4),
                    // The regime in which the delta rule's overwrite shows (DeltaNet 0.96 +- 0.01, linear
                    // attention 0.54 +- 0.01, 3 seeds): every key re-bound once before the queries.
                    new CapabilityBenchmark("mqar-updates", 64, 8, 64, 1, 250, 32, 1e-2, 4),
                    new CapabilityBenchmark("selective-copying", 64, 8, 16, 1, 150, 32, 3e-3, 4)),
            Duration.ofMinutes(3), Duration.ofMinutes(20));

    /** Four layers of width 128 on 256-byte contexts: minutes on a CPU; the MFU benchmark's profile. */
    public static final ScreeningProfile CPU_SMALL = new ScreeningProfile(
            "cpu-small", 128, 4, 256, 16, 1000, 2e-3, 100, 200, 32,
            16_000_000L, 0.05, 17L, 10_000_000L, 200,
            List.of(new CapabilityBenchmark("mqar", 256, 64, 128, 2, 600, 32, 2e-3, 8),
                    new CapabilityBenchmark("mqar-updates", 128, 16, 64, 1, 600, 32, 1e-2, 8),
                    new CapabilityBenchmark("selective-copying", 128, 16, 16, 2, 400, 32, 2e-3, 8),
                    new CapabilityBenchmark("induction", 128, 0, 32, 2, 400, 32, 2e-3, 8)),
            Duration.ofMinutes(5), Duration.ofHours(2));

    /**
     * ASI-Arch's exploration scale: hidden 256, 8 layers, context 2048, 2,000 steps of 256 sequences,
     * AdamW 3e-4 with warm-up, stable and decay phases. Needs a GPU. Europarl holds 21 MB, so the run
     * makes several passes over it where the paper read 1B tokens of FineWeb-edu.
     */
    public static final ScreeningProfile GPU_20M = new ScreeningProfile(
            "gpu-20m", 256, 8, 2048, 256, 2000, 3e-4, 100, 400, 64,
            21_000_000L, 0.05, 17L, 40_000_000L, 200,
            List.of(new CapabilityBenchmark("mqar", 512, 64, 120, 2, 2000, 64, 1e-3, 16),
                    new CapabilityBenchmark("mqar-updates", 512, 64, 120, 2, 2000, 64, 1e-3, 16),
                    new CapabilityBenchmark("selective-copying", 512, 32, 16, 2, 2000, 64, 1e-3, 16),
                    new CapabilityBenchmark("induction", 512, 0, 64, 2, 2000, 64, 1e-3, 16)),
            Duration.ofMinutes(10), Duration.ofHours(24));

    /** ASI-Arch's validation scale: hidden 1024, 24 layers; same data, schedule shape and benchmarks. */
    public static final ScreeningProfile GPU_340M = new ScreeningProfile(
            "gpu-340m", 1024, 24, 2048, 256, 2000, 3e-4, 100, 400, 64,
            21_000_000L, 0.05, 17L, 450_000_000L, 200,
            GPU_20M.benchmarks(),
            Duration.ofMinutes(20), Duration.ofDays(7));

    /**
     * Seconds, not minutes: one layer of width 32 for 30 steps and tiny tasks. For checking an
     * installation and for tests; its numbers say nothing about an architecture.
     */
    public static final ScreeningProfile CPU_SMOKE = new ScreeningProfile(
            "cpu-smoke", 32, 1, 64, 4, 30, 3e-3, 5, 10, 4,
            400_000L, 0.05, 17L, 500_000L, 10,
            List.of(new CapabilityBenchmark("mqar", 32, 4, 16, 1, 20, 8, 3e-3, 2),
                    new CapabilityBenchmark("mqar-updates", 32, 4, 16, 1, 20, 8, 3e-3, 2),
                    new CapabilityBenchmark("selective-copying", 32, 4, 8, 1, 20, 8, 3e-3, 2),
                    new CapabilityBenchmark("induction", 32, 0, 16, 1, 20, 8, 3e-3, 2)),
            Duration.ofMinutes(2), Duration.ofMinutes(5));

    private static final Map<String, ScreeningProfile> BY_NAME = List.of(CPU_SMOKE, CPU_TINY, CPU_SMALL, GPU_20M, GPU_340M).stream()
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
