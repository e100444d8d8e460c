package dev.asiarch.gpu.checks;

import java.util.Arrays;
import java.util.Optional;

/**
 * How two computations that should agree are compared: element by element, each allowed a relative
 * error of {@link #RELATIVE} of its own magnitude plus {@link #FLOOR} of the reference's median
 * magnitude. A loud channel or position widens only its own elements' tolerance, never the others'.
 */
final class Drift {

    static final double RELATIVE = 1e-4;
    static final double FLOOR = 1e-5;

    private Drift() {
    }

    /** The median of the non-zero magnitudes in {@code values} between {@code from} and {@code to}; 0 if none. */
    static double medianMagnitude(float[] values, int from, int to) {
        float[] magnitudes = new float[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            float magnitude = Math.abs(values[i]);
            if (magnitude > 0 && Float.isFinite(magnitude)) {
                magnitudes[n++] = magnitude;
            }
        }
        if (n == 0) {
            return 0;
        }
        Arrays.sort(magnitudes, 0, n);
        return magnitudes[n / 2];
    }

    static double medianMagnitude(float[] values) {
        return medianMagnitude(values, 0, values.length);
    }

    /** The first index in [from, to) where {@code other} leaves the reference's tolerance, with both values. */
    record Beyond(int index, float reference, float other) {
        double by() {
            return Math.abs((double) other - reference);
        }
    }

    static Optional<Beyond> first(float[] reference, float[] other, int from, int to, double median) {
        double floor = FLOOR * median + 1e-30;
        for (int i = from; i < to; i++) {
            double limit = RELATIVE * Math.max(Math.abs(reference[i]), Math.abs(other[i])) + floor;
            if (!(Math.abs((double) other[i] - reference[i]) <= limit)) {
                return Optional.of(new Beyond(i, reference[i], other[i]));
            }
        }
        return Optional.empty();
    }
}
