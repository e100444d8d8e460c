package dev.asiarch.gpu.checks;

import dev.asiarch.core.profile.CapabilityBenchmark;
import dev.asiarch.core.profile.ScreeningProfile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The conditions the checks run in, from the profile, so that they include those training uses: the
 * profile's context and every capability task's length, a length that is no multiple of the chunk
 * (32), a short one that crosses one chunk boundary; batches of 1, 4 and the profile's own; and, per
 * length, the positions after which inputs are changed: every chunk boundary's two sides, the first
 * and last positions, the middle, and seeded odd and even ones.
 */
record CheckConditions(List<Integer> lengths, List<Integer> batches, int profileBatch, int context) {

    static final int CHUNK = 32;
    private static final int MAX_BOUNDARY_CUTS = 12;
    private static final int RANDOM_CUTS = 6;

    static CheckConditions of(ScreeningProfile profile) {
        int context = profile.context();
        Set<Integer> lengths = new TreeSet<>();
        lengths.add(context);
        lengths.add(nonMultiple(context));
        if (context > CHUNK + 8) {
            lengths.add(CHUNK + 5);
        }
        for (CapabilityBenchmark benchmark : profile.benchmarks()) {
            lengths.add(benchmark.length());
        }
        Set<Integer> batches = new TreeSet<>(List.of(1, 4, profile.batchSize()));
        return new CheckConditions(List.copyOf(lengths), List.copyOf(batches), profile.batchSize(), context);
    }

    /** A length near {@code length} that is no multiple of the chunk. */
    static int nonMultiple(int length) {
        int candidate = length > 20 ? length - 13 : length - 1;
        return candidate % CHUNK == 0 ? candidate - 1 : candidate;
    }

    /** The batch sizes checked again after the weights change: four and the profile's. */
    List<Integer> perturbedBatches() {
        return List.copyOf(new TreeSet<>(List.of(Math.min(4, profileBatch), profileBatch)));
    }

    /** The lengths checked again after the weights change: the context and its neighbour off the chunk grid. */
    List<Integer> perturbedLengths() {
        return List.of(nonMultiple(context), context);
    }

    /**
     * Positions t (inputs after t change) for a sequence of {@code length}: the fixed ones first, then
     * seeded odd and even ones, each once.
     */
    static List<Integer> cuts(int length, long seed) {
        Set<Integer> cuts = new LinkedHashSet<>();
        for (int t : List.of(0, 1, length / 2, length - 2)) {
            cuts.add(t);
        }
        List<Integer> boundaries = new ArrayList<>();
        for (int boundary = CHUNK; boundary < length; boundary += CHUNK) {
            boundaries.add(boundary);
        }
        // Long contexts have many boundaries: spread the ones checked over the whole length.
        int stride = Math.max(1, (int) Math.ceil(boundaries.size() / (double) MAX_BOUNDARY_CUTS));
        for (int i = 0; i < boundaries.size(); i += stride) {
            cuts.add(boundaries.get(i) - 1);
            cuts.add(boundaries.get(i));
        }
        Random random = new Random(seed * 31 + length);
        for (int i = 0; i < RANDOM_CUTS && length > 2; i++) {
            int t = random.nextInt(length - 1);
            cuts.add(i % 2 == 0 ? t | 1 : t & ~1);
        }
        cuts.removeIf(t -> t < 0 || t > length - 2);
        return List.copyOf(cuts);
    }
}
