package dev.asiarch.gpu.checks;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.pytorch.jni.JniUtils;
import dev.asiarch.gpu.policy.WorkMeter;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Growth in sequence length of all the work a call does, judged three ways:
 * <ul>
 * <li>elements of every array a forward pass creates, closed ones and those of sub-managers included
 *     ({@link CreationMeter}): a T x T matrix shows as an exponent near 2 however small it is;</li>
 * <li>iterations of the candidate's own Java loops and calls ({@link WorkMeter}): a quadratic loop over
 *     data copied out of arrays shows exactly as well;</li>
 * <li>the time of a forward and backward pass together: work no array shows, such as a filter as long
 *     as the sequence. On a CPU, PyTorch runs on one thread while it is timed and the time is that
 *     thread's user CPU time: other processes inflate neither it (as they do a pool's, whose idle
 *     threads spin while they wait for a core) nor, being user time, the page faults of fresh
 *     allocations. On a GPU, wall time. Each measurement runs enough calls to last
 *     {@link #MEASURE_SECONDS}, the least of {@link #REPEATS} counts, and the judgment is the slope over
 *     the three longest lengths against a bound far from both linear and quadratic growth, once the
 *     longest call is long enough to measure.</li>
 * </ul>
 * Counts are exact, so they are judged between the two longest lengths.
 */
final class ComplexityCheck {

    static final int[] COUNT_LENGTHS = {256, 512, 1024, 2048};
    static final int[] TIME_LENGTHS = {1024, 2048, 4096, 8192};
    static final double COUNT_BOUND = 1.3;
    /**
     * Linear mixers measured 0.8 to 1.1 (with the machine loaded too); work quadratic in length, 1.6 to
     * 2.1 from 1024 to 4096, where fixed costs still weigh; so the slope is taken up to 8192.
     */
    static final double TIME_BOUND = 1.5;
    /** Below this, the longest forward and backward pass is too short for its time to say anything. */
    static final double MEASURABLE_SECONDS = 0.03;
    /** A pass this long ends the time measurement: longer lengths would only cost the check's time. */
    static final double ENOUGH_SECONDS = 5;
    static final int REPEATS = 2;
    /** Times a short measurement over the bound is taken again before the judgment stands. */
    static final int RETIMINGS = 2;
    /** A measurement whose longest pass is this long or longer is not taken again. */
    static final double RETIME_BELOW_SECONDS = 0.5;
    /** Calls are repeated until a measurement lasts this long, so a clock that ticks in 10 ms steps says enough. */
    static final double MEASURE_SECONDS = 0.15;

    private ComplexityCheck() {
    }

    /** The measurements, their exponents, and which bound (if any) was passed. */
    record Result(double[] elements, double[] ticks, double[] seconds, int timed, double elementExponent,
                  double tickExponent, double timeExponent) {

        boolean timeJudged() {
            return timed >= 2 && seconds[timed - 1] >= MEASURABLE_SECONDS;
        }

        double longestSeconds() {
            return timed == 0 ? 0 : seconds[timed - 1];
        }

        Optional<String> excess() {
            int last = COUNT_LENGTHS.length - 1;
            if (elementExponent > COUNT_BOUND) {
                return Optional.of(String.format(Locale.ROOT, "the arrays a forward pass creates grew from %.2f to "
                                + "%.2f million elements between lengths %d and %d (exponent %.2f, bound %.2f): it "
                                + "probably materialises a T x T matrix", elements[last - 1] / 1e6,
                        elements[last] / 1e6, COUNT_LENGTHS[last - 1], COUNT_LENGTHS[last], elementExponent,
                        COUNT_BOUND));
            }
            if (tickExponent > COUNT_BOUND) {
                return Optional.of(String.format(Locale.ROOT, "the mixer's own Java loops ran %.0f and then %.0f "
                                + "iterations between lengths %d and %d (exponent %.2f, bound %.2f): a loop over "
                                + "earlier positions inside a loop over positions", ticks[last - 1], ticks[last],
                        COUNT_LENGTHS[last - 1], COUNT_LENGTHS[last], tickExponent, COUNT_BOUND));
            }
            if (timeJudged() && timeExponent > TIME_BOUND) {
                StringBuilder times = new StringBuilder();
                for (int i = 0; i < timed; i++) {
                    times.append(String.format(Locale.ROOT, "%s%.1f ms at %d", i == 0 ? "" : ", ", seconds[i] * 1e3,
                            TIME_LENGTHS[i]));
                }
                return Optional.of(String.format(Locale.ROOT, "a forward and backward pass took %s (exponent %.2f, "
                                + "bound %.2f): work that grows with the square of the length, such as a filter "
                                + "or a loop as long as the sequence", times, timeExponent, TIME_BOUND));
            }
            return Optional.empty();
        }

        String describe() {
            StringBuilder times = new StringBuilder();
            for (int i = 0; i < timed; i++) {
                times.append(String.format(Locale.ROOT, "%s%.1f ms at %d", i == 0 ? "" : ", ", seconds[i] * 1e3,
                        TIME_LENGTHS[i]));
            }
            return String.format(Locale.ROOT, "complexity exponents in length: array elements %.2f, own loop "
                    + "iterations %.2f, forward+backward time %.2f%s (%s)", elementExponent, tickExponent,
                    timeExponent, timeJudged() ? "" : ", too fast to judge", times);
        }
    }

    /**
     * Counts first; time only when the counts are within bounds and {@code timed} (a quadratic reference
     * is not judged, and timing it at long lengths would only cost).
     */
    static Result measure(Probe probe, int dim, Random random, boolean timed) {
        double[] elements = new double[COUNT_LENGTHS.length];
        double[] ticks = new double[COUNT_LENGTHS.length];
        for (int i = 0; i < COUNT_LENGTHS.length; i++) {
            Probe.Values x = Inputs.normal(random, 1, COUNT_LENGTHS[i], dim);
            try (CreationMeter meter = new CreationMeter(); NDManager call = probe.manager().newSubManager()) {
                long before = WorkMeter.ticks();
                long created = meter.elements();
                NDArray y = probe.forward(call, x, false);
                y.getShape();
                ticks[i] = Math.max(1, WorkMeter.ticks() - before);
                elements[i] = Math.max(1, meter.elements() - created);
            }
        }
        int last = COUNT_LENGTHS.length - 1;
        double countRatio = Math.log((double) COUNT_LENGTHS[last] / COUNT_LENGTHS[last - 1]);
        double elementExponent = Math.log(elements[last] / elements[last - 1]) / countRatio;
        double tickExponent = Math.log(ticks[last] / ticks[last - 1]) / countRatio;
        Result counted = new Result(elements, ticks, new double[TIME_LENGTHS.length], 0, elementExponent,
                tickExponent, 0);
        if (!timed || elementExponent > COUNT_BOUND || tickExponent > COUNT_BOUND) {
            return counted;
        }
        Result result = timed(counted, probe, dim, random);
        // A pause the machine took (another process, a page-cache flush) can steepen one short measurement;
        // work that really grows with the square of the length steepens every one, and is slow enough at
        // the longest length that one measurement says so (measuring it again would only cost the time).
        for (int again = 0; again < RETIMINGS && result.timeJudged() && result.timeExponent() > TIME_BOUND
                && result.longestSeconds() < RETIME_BELOW_SECONDS; again++) {
            Result retimed = timed(counted, probe, dim, random);
            result = retimed.timeExponent() < result.timeExponent() ? retimed : result;
        }
        return result;
    }

    /** The counts with a fresh time measurement. */
    private static Result timed(Result counted, Probe probe, int dim, Random random) {
        double[] seconds = new double[TIME_LENGTHS.length];
        int measured = time(probe, dim, random, seconds);
        return new Result(counted.elements(), counted.ticks(), seconds, measured, counted.elementExponent(),
                counted.tickExponent(), measured >= 2 ? slope(TIME_LENGTHS, seconds, Math.max(0, measured - 3),
                measured) : 0);
    }

    /** Fills {@code seconds} for {@link #TIME_LENGTHS} in turn, until a pass is long enough; returns how many. */
    private static int time(Probe probe, int dim, Random random, double[] seconds) {
        boolean onCpu = probe.manager().getDevice().equals(Device.cpu());
        int threads = JniUtils.getNumThreads();
        if (onCpu) {
            JniUtils.setNumThreads(1);
        }
        try {
            int measured = 0;
            while (measured < TIME_LENGTHS.length) {
                Probe.Values x = Inputs.normal(random, 1, TIME_LENGTHS[measured], dim);
                // The first call at a new shape allocates; it only counts when it is already too long.
                long wallStarted = System.nanoTime();
                double best = timeOnce(probe, x, onCpu);
                double wall = (System.nanoTime() - wallStarted) / 1e9;
                int calls = (int) Math.max(1, Math.min(1000, Math.ceil(MEASURE_SECONDS / Math.max(wall, 1e-4))));
                for (int repeat = 0; repeat < REPEATS && best <= ENOUGH_SECONDS; repeat++) {
                    double total = 0;
                    for (int call = 0; call < calls; call++) {
                        total += timeOnce(probe, x, onCpu);
                    }
                    best = Math.min(best, total / calls);
                }
                seconds[measured++] = best;
                if (best > ENOUGH_SECONDS) {
                    break;
                }
            }
            return measured;
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    /** Seconds of one forward and backward pass with gradients for the input and every weight. */
    private static double timeOnce(Probe probe, Probe.Values input, boolean onCpu) {
        probe.parameters().forEach(parameter -> parameter.getArray().setRequiresGradient(true));
        try (NDScope scope = new NDScope(); NDManager call = probe.manager().newSubManager()) {
            NDArray x = call.create(input.data(), new Shape(input.batch(), input.time(), input.dim()));
            x.setRequiresGradient(true);
            long cpuBefore = threadUserNanos();
            long wallBefore = System.nanoTime();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = probe.call(x, true);
                collector.backward(y.sum());
            }
            x.getGradient().getFloat(0, 0, 0);  // the device has finished
            long nanos = onCpu ? threadUserNanos() - cpuBefore : System.nanoTime() - wallBefore;
            for (var parameter : probe.parameters()) {
                NDArray gradient = parameter.getArray().getGradient();
                gradient.subi(gradient);
            }
            return nanos / 1e9;
        }
    }

    private static long threadUserNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadUserTime();
    }

    /** The least-squares slope of log(value) on log(length) over points {@code from} to {@code to}. */
    static double slope(int[] lengths, double[] values, int from, int to) {
        int points = to - from;
        double mx = 0;
        double my = 0;
        for (int i = from; i < to; i++) {
            mx += Math.log(lengths[i]) / points;
            my += Math.log(Math.max(values[i], 1e-9)) / points;
        }
        double num = 0;
        double den = 0;
        for (int i = from; i < to; i++) {
            num += (Math.log(lengths[i]) - mx) * (Math.log(Math.max(values[i], 1e-9)) - my);
            den += (Math.log(lengths[i]) - mx) * (Math.log(lengths[i]) - mx);
        }
        return num / den;
    }
}
