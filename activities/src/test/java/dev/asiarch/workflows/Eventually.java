package dev.asiarch.workflows;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way these tests wait for a running workflow to reach a state: ask it (a query) until its
 * answer satisfies the condition. Where a test can hold an activity instead ({@link FakeActivities#gate}),
 * it waits on that latch and needs no asking.
 */
final class Eventually {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration BETWEEN_QUESTIONS = Duration.ofMillis(20);

    private Eventually() {
    }

    /**
     * The first answer of {@code probe} that satisfies {@code condition}; after 30 s, an assertion error that
     * names {@code what} was awaited and the last answer.
     */
    static <T> T until(String what, Supplier<T> probe, Predicate<? super T> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T answer = probe.get();
        while (!condition.test(answer)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + PATIENCE.toSeconds() + " s; last answer: "
                        + answer);
            }
            try {
                Thread.sleep(BETWEEN_QUESTIONS.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
            answer = probe.get();
        }
        return answer;
    }
}
