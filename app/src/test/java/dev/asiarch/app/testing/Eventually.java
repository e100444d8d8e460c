package dev.asiarch.app.testing;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits for what a test can only ask about, not be told of (a port another process opens, a heartbeat
 * the Temporal server holds): asks again every 100 ms until a deadline. Whatever can signal its end (a
 * future, a workflow's result, a latch) is waited on directly instead.
 */
public final class Eventually {

    /** The question; an {@link AssertionError} it throws (the thing waited for can no longer happen) ends the wait. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private static final Duration ASK_EVERY = Duration.ofMillis(100);

    private Eventually() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} when it still does not after {@code within}. */
    public static void until(String what, Duration within, Condition condition) throws Exception {
        until(what, within, condition, () -> "");
    }

    /** As {@link #until(String, Duration, Condition)}, the failure followed by {@code evidence}, e.g. a log. */
    public static void until(String what, Duration within, Condition condition, Supplier<String> evidence)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                String more = evidence.get();
                throw new AssertionError("gave up waiting for " + what + " after " + within.toSeconds() + " s"
                        + (more.isEmpty() ? "" : ":\n" + more));
            }
            Thread.sleep(ASK_EVERY.toMillis());
        }
    }
}
