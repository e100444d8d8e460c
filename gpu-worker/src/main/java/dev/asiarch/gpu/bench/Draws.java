package dev.asiarch.gpu.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Random draws for task examples, each generator a pure function of (seed, index). */
final class Draws {

    private Draws() {
    }

    /** The generator for example {@code index} of the stream seeded by {@code seed}. */
    static SplittableRandom forExample(long seed, long index) {
        return new SplittableRandom(mix64(mix64(seed) + index));
    }

    /** {@code count} distinct integers from {@code [0, bound)}, in random order. */
    static int[] distinct(SplittableRandom random, int bound, int count) {
        int[] pool = new int[bound];
        for (int i = 0; i < bound; i++) {
            pool[i] = i;
        }
        for (int i = 0; i < count; i++) { // partial Fisher-Yates: the first count slots are the sample
            int j = i + random.nextInt(bound - i);
            int swap = pool[i];
            pool[i] = pool[j];
            pool[j] = swap;
        }
        return Arrays.copyOf(pool, count);
    }

    /** Like {@link #distinct}, in increasing order. */
    static int[] sortedDistinct(SplittableRandom random, int bound, int count) {
        int[] sample = distinct(random, bound, count);
        Arrays.sort(sample);
        return sample;
    }

    // splitmix64's finalizer: neighbouring seeds and indices give unrelated generators.
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
