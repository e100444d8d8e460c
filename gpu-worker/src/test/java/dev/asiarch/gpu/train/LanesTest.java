package dev.asiarch.gpu.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LanesTest {

    private static final Runnable NOTHING = () -> { };

    private static Lanes.Part<String> returning(String value) {
        return cancelled -> value;
    }

    @Test
    void oneLaneRunsThePartsInOrderOnTheCallingThread() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<Lanes.Part<String>> parts = new ArrayList<>();
        for (String name : List.of("text", "mqar", "copy")) {
            parts.add(cancelled -> {
                seen.add(name + "@" + Thread.currentThread().getName());
                return name;
            });
        }

        List<String> outcomes = Lanes.run(1, parts, "failed"::equals, NOTHING);

        String caller = Thread.currentThread().getName();
        assertThat(outcomes).containsExactly("text", "mqar", "copy");
        assertThat(seen).containsExactly("text@" + caller, "mqar@" + caller, "copy@" + caller);
    }

    @Test
    void twoLanesRunPartsAtOnceAndReturnTheirOutcomesInOrder() {
        // The first part finishes only once the second has started: with a single lane it could not.
        CountDownLatch secondStarted = new CountDownLatch(1);
        AtomicInteger laneStarts = new AtomicInteger();
        List<Lanes.Part<String>> parts = List.of(
                cancelled -> awaited(secondStarted) ? "text" : "timed out",
                cancelled -> {
                    secondStarted.countDown();
                    return "mqar";
                },
                returning("copy"));

        List<String> outcomes = Lanes.run(2, parts, "failed"::equals, laneStarts::incrementAndGet);

        assertThat(outcomes).containsExactly("text", "mqar", "copy");
        assertThat(laneStarts).as("the calling thread is the first lane").hasValue(1);
    }

    @Test
    void aFailureCancelsThePartsAfterItButNotThoseBefore() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        List<Lanes.Part<String>> parts = List.of(
                cancelled -> {
                    // Still running when the part after it fails; it must finish, as it could fail first.
                    awaited(failed);
                    return cancelled.getAsBoolean() ? "cancelled" : "text";
                },
                cancelled -> {
                    failed.countDown();
                    return "failed";
                },
                cancelled -> {
                    while (!cancelled.getAsBoolean()) {
                        Thread.onSpinWait();
                    }
                    throw new Lanes.Cancelled();
                },
                returning("never started"));

        List<String> outcomes = Lanes.run(2, parts, "failed"::equals, NOTHING);

        assertThat(outcomes).containsExactly("text", "failed", null, null);
    }

    @Test
    void theEarliestFailureInOrderIsTheOneReported() {
        CountDownLatch laterFailed = new CountDownLatch(1);
        IllegalStateException early = new IllegalStateException("text diverged into an exception");
        List<Lanes.Part<String>> parts = List.of(
                cancelled -> {
                    awaited(laterFailed);
                    throw early;
                },
                cancelled -> {
                    laterFailed.countDown();
                    throw new IllegalArgumentException("a task's candidate threw");
                });

        assertThatThrownBy(() -> Lanes.run(2, parts, "failed"::equals, NOTHING)).isSameAs(early);
    }

    @Test
    void aCheckedThrowableFromCandidateCodeComesOutAsItself() {
        Exception smuggled = new java.io.IOException("smuggled out of mix");
        List<Lanes.Part<String>> parts = List.of(cancelled -> {
            throw LanesTest.<RuntimeException>sneaky(smuggled);
        });

        assertThatThrownBy(() -> Lanes.run(2, parts, "failed"::equals, NOTHING)).isSameAs(smuggled);
    }

    @Test
    void noLanesIsRefused() {
        assertThatThrownBy(() -> Lanes.run(0, List.of(returning("x")), "failed"::equals, NOTHING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }

    /** Whether {@code latch} opened within 30 seconds; a part's wait, which may not throw checked exceptions. */
    private static boolean awaited(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
