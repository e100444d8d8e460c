package dev.asiarch.gpu.checks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

/**
 * Growth of a forward pass in sequence length: the bytes of every array it creates (activations,
 * scores, states, and every temporary of a loop) and its wall time, at lengths doubling up to
 * {@link #LENGTHS}' last. The exponent between the two longest lengths decides: a T x T matrix, or a
 * loop over all earlier positions for each position, shows as a byte exponent near 2 there, however
 * small it is at short lengths. Bytes decide because they are exact and do not depend on how busy
 * the machine is; time is measured and reported beside them, never judged, since a loaded machine
 * bends it either way.
 */
final class ComplexityCheck {

    static final int[] LENGTHS = {256, 512, 1024, 2048};
    static final double MEMORY_BOUND = 1.3;

    private ComplexityCheck() {
    }

    /** Exponents of bytes and seconds in length, between the two longest lengths. */
    record Result(double[] bytes, double[] seconds, double memoryExponent, double timeExponent) {

        boolean withinBound() {
            return memoryExponent <= MEMORY_BOUND;
        }

        String diagnostic() {
            int last = LENGTHS.length - 1;
            return String.format(Locale.ROOT, "the forward pass grows faster than linearly in sequence length: from "
                            + "length %d to %d the arrays it creates grew from %.1f to %.1f MB (exponent %.2f, bound "
                            + "%.2f) and its time from %.1f to %.1f ms (exponent %.2f); it probably materialises "
                            + "a T x T matrix or runs a quadratic loop: use a chunked or recurrent form",
                    LENGTHS[last - 1], LENGTHS[last], bytes[last - 1] / 1e6, bytes[last] / 1e6, memoryExponent,
                    MEMORY_BOUND, seconds[last - 1] * 1e3, seconds[last] * 1e3, timeExponent);
        }
    }

    static Result measure(Probe probe, int dim) {
        double[] bytes = new double[LENGTHS.length];
        double[] seconds = new double[LENGTHS.length];
        NDManager root = probe.manager();
        for (int i = 0; i < LENGTHS.length; i++) {
            Set<NDArray> before = identitySet(root);
            NDArray x = root.randomNormal(new Shape(1, LENGTHS[i], dim));
            long started = System.nanoTime();
            NDArray y = probe.mix(x);
            y.getFloat(0, 0, 0); // the computation has finished before the clock stops
            seconds[i] = (System.nanoTime() - started) / 1e9;
            long created = 0;
            for (NDArray array : root.getManagedArrays()) {
                if (!before.contains(array)) {
                    created += array.size() * array.getDataType().getNumOfBytes();
                    array.close();
                }
            }
            bytes[i] = created;
        }
        int last = LENGTHS.length - 1;
        double lengthRatio = Math.log((double) LENGTHS[last] / LENGTHS[last - 1]);
        return new Result(bytes, seconds, Math.log(bytes[last] / bytes[last - 1]) / lengthRatio,
                Math.log(seconds[last] / seconds[last - 1]) / lengthRatio);
    }

    private static Set<NDArray> identitySet(NDManager root) {
        Set<NDArray> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        arrays.addAll(root.getManagedArrays());
        return arrays;
    }
}
