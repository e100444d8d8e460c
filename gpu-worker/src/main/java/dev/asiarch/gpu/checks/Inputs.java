package dev.asiarch.gpu.checks;

import java.util.Random;

/** Seeded standard-normal inputs and their perturbations, as plain values. */
final class Inputs {

    private Inputs() {
    }

    static Probe.Values normal(Random random, int batch, int time, int dim) {
        float[] data = new float[batch * time * dim];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return new Probe.Values(data, batch, time, dim);
    }

    /** A copy whose row {@code row} is redrawn after position {@code cut}. */
    static void redrawAfter(Probe.Values values, int row, int cut, Random random) {
        for (int t = cut + 1; t < values.time(); t++) {
            for (int c = 0; c < values.dim(); c++) {
                values.data()[(row * values.time() + t) * values.dim() + c] = (float) random.nextGaussian();
            }
        }
    }

    /** Rows {@code from} to {@code to} of {@code values}. */
    static Probe.Values rows(Probe.Values values, int from, int to) {
        int rowSize = values.time() * values.dim();
        float[] data = java.util.Arrays.copyOfRange(values.data(), from * rowSize, to * rowSize);
        return new Probe.Values(data, to - from, values.time(), values.dim());
    }
}
