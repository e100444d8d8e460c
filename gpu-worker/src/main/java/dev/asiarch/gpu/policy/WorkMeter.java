package dev.asiarch.gpu.policy;

/**
 * Counts the plain Java work candidate code does: {@link CandidateBytecode} makes every method entry
 * and every backward jump (a loop's next iteration) of a candidate class call {@link #tick()}. The
 * complexity check reads the count around a forward pass, so a quadratic loop over data copied out of
 * arrays shows as exactly as a quadratic array does. Static because instrumented code has no instance
 * to reach; candidate source cannot name this class (it is outside the allow-list). Only the checks read
 * the count, and they run candidate code on one thread; a training child may run it on two lanes at
 * once, where the count races but nothing reads it.
 */
public final class WorkMeter {

    private static long ticks;

    private WorkMeter() {
    }

    /** Called by instrumented candidate code only. */
    public static void tick() {
        ticks++;
    }

    /** Ticks so far in this process. */
    public static long ticks() {
        return ticks;
    }
}
