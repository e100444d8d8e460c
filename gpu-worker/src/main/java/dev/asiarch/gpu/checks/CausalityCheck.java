package dev.asiarch.gpu.checks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.workflows.activities.CheckReport;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Output t may depend on inputs 0..t only. Checked two ways at several positions and batch sizes:
 * changing every input after t must leave outputs 0..t unchanged, and the gradient of outputs 0..t
 * must be zero on every input after t.
 */
final class CausalityCheck {

    private static final List<Integer> BATCH_SIZES = List.of(1, 3);

    private CausalityCheck() {
    }

    static Optional<CheckReport> forward(Probe probe, int time, int dim) {
        for (int batch : BATCH_SIZES) {
            NDArray x = probe.manager().randomNormal(new Shape(batch, time, dim));
            NDArray y = probe.mix(x);
            float tolerance = 1e-5f * Math.max(1f, y.abs().max().getFloat());
            for (int t : positions(time)) {
                NDArray perturbed = x.duplicate();
                perturbed.set(new NDIndex(":, " + (t + 1) + ":"),
                        probe.manager().randomNormal(new Shape(batch, time - t - 1, dim)));
                NDArray changed = probe.mix(perturbed);
                float[] drift = Probe.maxPerPosition(y.get(":, :" + (t + 1)).sub(changed.get(":, :" + (t + 1))));
                for (int position = 0; position < drift.length; position++) {
                    if (!(drift[position] <= tolerance)) {
                        return Optional.of(CheckReport.fail(FailureReason.NON_CAUSAL, "output at position " + position
                                + " changed by " + drift[position] + " when only tokens after position " + t
                                + " were changed (batch " + batch + ", length " + time + "): the mixer reads future "
                                + "tokens; mask or scan so that output t uses inputs 0..t only"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    static Optional<CheckReport> gradient(Probe probe, int time, int dim) {
        for (int batch : BATCH_SIZES) {
            NDArray x = probe.manager().randomNormal(new Shape(batch, time, dim));
            // The gradient of outputs 0..t summed must vanish on inputs after t; t = 0 catches a peek at
            // the next token, t = time / 2 anything reaching further ahead.
            for (int t : List.of(0, time / 2)) {
                NDArray input = x.duplicate();
                input.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(probe.mix(input, true).get(":, :" + (t + 1)).sum());
                }
                NDArray gradient = input.getGradient();
                float reach = Math.max(1e-12f, gradient.get(":, :" + (t + 1)).abs().max().getFloat());
                float[] leak = Probe.maxPerPosition(gradient.get(":, " + (t + 1) + ":"));
                for (int offset = 0; offset < leak.length; offset++) {
                    if (!(leak[offset] <= 1e-6f * reach)) {
                        int position = t + 1 + offset;
                        return Optional.of(CheckReport.fail(FailureReason.NON_CAUSAL, "the gradient of outputs 0.."
                                + t + " reaches input " + position + " (magnitude " + leak[offset] + ", batch "
                                + batch + ", length " + time + "): the output depends on a later token, perhaps "
                                + "through a normalisation or pooling over the whole sequence"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static TreeSet<Integer> positions(int time) {
        return new TreeSet<>(List.of(0, time / 4, time / 2, time - 2));
    }
}
