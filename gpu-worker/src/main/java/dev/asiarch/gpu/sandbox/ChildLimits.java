package dev.asiarch.gpu.sandbox;

import java.util.Locale;

/**
 * What a child JVM may use. The heap is capped by {@code -Xmx}; native memory (where PyTorch keeps
 * every array) by two limits: resident memory, watched from outside and fatal when crossed, and the
 * virtual address space, set with {@code ulimit -v} so that a single huge allocation fails at once
 * instead of pushing the machine into swap or the kernel's OOM killer. The JVM and PyTorch reserve
 * about 3.5 GiB of address space before the first array (measured with a 512 MiB heap), so the address
 * space must be well above heap + resident. CUDA reserves far more, so GPU workers set it to 0 (off)
 * and rely on the resident limit.
 *
 * @param heap         {@code -Xmx} value, such as {@code 1g}
 * @param residentMb   resident memory of the child's process tree, in MiB, before it is killed
 * @param addressSpaceMb virtual address space in MiB, 0 for no limit
 * @param threads      PyTorch intra-op threads
 */
public record ChildLimits(String heap, long residentMb, long addressSpaceMb, int threads) {

    // The one place a child JVM's defaults are written: the application's asi-arch.gpu.*, the gallery
    // command and the benchmark programs take them from here.
    public static final String DEFAULT_HEAP = "1g";
    public static final String DEFAULT_RESIDENT = "6g";
    public static final String DEFAULT_ADDRESS_SPACE = "12g";
    public static final int DEFAULT_THREADS = 2;

    public ChildLimits {
        if (heap == null || !heap.matches("\\d+[kmgKMG]?")) {
            throw new IllegalArgumentException("child heap must look like 512m or 2g, was " + heap);
        }
        if (residentMb < 256) {
            throw new IllegalArgumentException("child resident memory must be at least 256 MiB, was " + residentMb);
        }
        if (addressSpaceMb != 0 && addressSpaceMb < megabytes(heap) + 3_584) {
            throw new IllegalArgumentException("child address space of " + addressSpaceMb + " MiB is too small for a "
                    + heap + " heap: the JVM and PyTorch need about 3.5 GiB beyond the heap; use at least "
                    + (megabytes(heap) + 3_584) + " MiB, or 0 for no limit");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("child threads must be at least 1, was " + threads);
        }
    }

    /**
     * How many parts of a screening run a training child runs at once on a CPU: two when it has two
     * threads or more, each part's operations then on half of them. The models a CPU profile trains
     * are too small for one to keep two cores busy (on the 2-core reference machine one thread trains
     * as fast as two), so overlapping parts is where the cores go further.
     */
    public int trainingLanes() {
        return Math.min(2, threads);
    }

    /** Every limit at its default. */
    public static ChildLimits defaults() {
        return of(DEFAULT_HEAP, DEFAULT_RESIDENT, DEFAULT_ADDRESS_SPACE, DEFAULT_THREADS);
    }

    /** Limits from sizes written as {@code 512m} or {@code 6g}. */
    public static ChildLimits of(String heap, String resident, String addressSpace, int threads) {
        return new ChildLimits(heap, megabytes(resident), megabytes(addressSpace), threads);
    }

    /** MiB in a size such as {@code 512m}, {@code 6g} or {@code 0}; a plain number counts bytes. */
    public static long megabytes(String size) {
        if (size == null || !size.matches("\\d+[kmgKMG]?")) {
            throw new IllegalArgumentException("a memory size must look like 512m or 6g, was " + size);
        }
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        long number = Long.parseLong(Character.isDigit(unit) ? size : size.substring(0, size.length() - 1));
        return switch (unit) {
            case 'k' -> number / 1024;
            case 'm' -> number;
            case 'g' -> number * 1024;
            default -> number / (1024 * 1024);
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "heap %s, resident %d MiB, address space %s, %d threads", heap, residentMb,
                addressSpaceMb == 0 ? "unlimited" : addressSpaceMb + " MiB", threads);
    }
}
