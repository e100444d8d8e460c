package dev.asiarch.gpu.checks;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The weights the checks see besides the initial ones, so that a path from the future behind a gate
 * initialised to zero, or scaled by a tiny learned coefficient, opens: every weight moved by random
 * noise of a given scale relative to its own magnitude, or a few steps of training that rewards
 * reading the next inputs. {@link #restore()} puts the initial weights back.
 */
final class WeightStates {

    /** Noise is relative to a tensor's own root mean square, but at least this, so zeros move too. */
    static final double NOISE_FLOOR = 0.05;
    static final int CHEAT_STEPS = 5;
    static final float CHEAT_STEP = 0.05f;

    private final Probe probe;
    private final List<Parameter> parameters;
    private final List<float[]> initial = new ArrayList<>();

    WeightStates(Probe probe) {
        this.probe = probe;
        this.parameters = probe.parameters();
        for (Parameter parameter : parameters) {
            initial.add(parameter.getArray().toFloatArray());
        }
    }

    void restore() {
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).getArray().set(initial.get(i));
        }
    }

    /** Every weight w becomes w + scale * max(rms(w), floor) * N(0, 1). */
    String noised(double scale, Random random) {
        restore();
        for (int i = 0; i < parameters.size(); i++) {
            float[] values = initial.get(i).clone();
            double sumOfSquares = 0;
            for (float value : values) {
                sumOfSquares += value * (double) value;
            }
            double sigma = scale * Math.max(Math.sqrt(sumOfSquares / Math.max(1, values.length)), NOISE_FLOOR);
            for (int j = 0; j < values.length; j++) {
                values[j] += (float) (sigma * random.nextGaussian());
            }
            parameters.get(i).getArray().set(values);
        }
        return String.format(java.util.Locale.ROOT, "after every weight was moved by noise of %.1f times its own "
                + "scale", scale);
    }

    /**
     * From the initial weights, {@link #CHEAT_STEPS} sign-descent steps on a loss that rewards output t
     * for matching input t+1 and the mean of all inputs after t: the gradient opens any gate onto the
     * future that the mixer has.
     */
    String trainedToCheat(int batch, int time, int dim, Random random) {
        restore();
        for (int step = 0; step < CHEAT_STEPS; step++) {
            Probe.Values x = Inputs.normal(random, batch, time, dim);
            Probe.Values cotangent = new Probe.Values(new float[x.data().length], batch, time, dim);
            for (int b = 0; b < batch; b++) {
                for (int c = 0; c < dim; c++) {
                    double future = 0;
                    for (int t = time - 1; t >= 0; t--) {
                        int count = time - 1 - t;
                        double next = t + 1 < time ? x.at(b, t + 1, c) : 0;
                        cotangent.data()[(b * time + t) * dim + c] = (float) -(next + (count == 0 ? 0 : future / count));
                        future += x.at(b, t, c);
                    }
                }
            }
            Probe.Gradients gradients = probe.gradients(x, cotangent);
            for (int i = 0; i < parameters.size(); i++) {
                float[] values = parameters.get(i).getArray().toFloatArray();
                float[] g = gradients.parameters().get(i);
                for (int j = 0; j < values.length; j++) {
                    values[j] -= CHEAT_STEP * Math.signum(g[j]);
                }
                parameters.get(i).getArray().set(values);
            }
        }
        return "after " + CHEAT_STEPS + " training steps that reward reading later inputs";
    }
}
