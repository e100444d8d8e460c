package dev.asiarch.gpu.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Runs the independent parts of a screening run (text training, then each capability task) on a few
 * threads, so that on a CPU with small models, where one part cannot keep every core busy, the parts
 * overlap. Every part is seeded on its own, so the results do not depend on the number of lanes; what
 * the lanes must keep identical to running the parts one after another is which outcome the run
 * reports: the earliest part, in order, that failed. A part's failure therefore cancels the parts after
 * it (they stop at their next step) and never the parts before it, which run to their end because they
 * could still fail first.
 *
 * <p>One lane runs every part on the calling thread, one after another, as a plain loop would.
 */
final class Lanes {

    /** One part of the run; it polls {@code cancelled} at each step and throws {@link Cancelled} when told. */
    interface Part<T> {
        T run(BooleanSupplier cancelled);
    }

    /** Thrown by a part that was cancelled because an earlier part failed. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled: an earlier part of the run failed", null, false, false);
        }
    }

    private Lanes() {
    }

    /**
     * The parts' outcomes in order: up to and including the first failed one (by {@code failed}, or by
     * throwing, which is rethrown as it was); after it, {@code null} for parts cancelled or never started.
     * {@code laneStart} runs first on every thread this starts (the calling thread is the first lane).
     */
    static <T> List<T> run(int lanes, List<Part<T>> parts, Predicate<T> failed, Runnable laneStart) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be at least 1, was " + lanes);
        }
        int n = parts.size();
        Object[] outcomes = new Object[n];
        Throwable[] thrown = new Throwable[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger firstFailure = new AtomicInteger(Integer.MAX_VALUE);
        Runnable lane = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                int index = i;
                if (firstFailure.get() < index) {
                    continue;
                }
                try {
                    @SuppressWarnings("unchecked")
                    T outcome = parts.get(index).run(() -> firstFailure.get() < index);
                    outcomes[index] = outcome;
                    if (failed.test(outcome)) {
                        firstFailure.accumulateAndGet(index, Math::min);
                    }
                } catch (Cancelled cancelled) {
                    // an earlier part failed; this one's outcome no longer matters
                } catch (Throwable e) {
                    thrown[index] = e;
                    firstFailure.accumulateAndGet(index, Math::min);
                }
            }
        };
        List<Thread> helpers = new ArrayList<>();
        for (int k = 1; k < Math.min(lanes, n); k++) {
            Thread helper = new Thread(() -> {
                laneStart.run();
                lane.run();
            }, "training-lane-" + k);
            helper.setDaemon(true);
            helpers.add(helper);
            helper.start();
        }
        lane.run();
        for (Thread helper : helpers) {
            joinUninterruptibly(helper);
        }
        int first = firstFailure.get();
        if (first < n && thrown[first] != null) {
            throw Lanes.<RuntimeException>rethrow(thrown[first]);
        }
        List<T> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            @SuppressWarnings("unchecked")
            T outcome = i <= first ? (T) outcomes[i] : null;
            result.add(outcome);
        }
        return result;
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Rethrows what a part threw, whatever its type, as the same object (its stack and causes intact). */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E rethrow(Throwable thrown) throws E {
        throw (E) thrown;
    }
}
