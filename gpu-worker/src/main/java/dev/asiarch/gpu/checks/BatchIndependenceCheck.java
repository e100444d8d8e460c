package dev.asiarch.gpu.checks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.workflows.activities.CheckReport;
import java.util.Optional;

/**
 * A sequence's output must not depend on its batch mates: the first sequence of a batch of three
 * gives the same output when the other two change, and when it runs alone.
 */
final class BatchIndependenceCheck {

    private static final int BATCH = 3;

    private BatchIndependenceCheck() {
    }

    static Optional<CheckReport> run(Probe probe, int time, int dim) {
        NDArray x = probe.manager().randomNormal(new Shape(BATCH, time, dim));
        NDArray first = probe.mix(x).get("0:1");
        float tolerance = 1e-5f * Math.max(1f, first.abs().max().getFloat());

        NDArray mates = x.duplicate();
        mates.set(new NDIndex("1:"), probe.manager().randomNormal(new Shape(BATCH - 1, time, dim)).mul(3));
        float[] drift = Probe.maxPerPosition(first.sub(probe.mix(mates).get("0:1")));
        Optional<CheckReport> coupled = firstDrift(drift, tolerance, "the other sequences of its batch of "
                + BATCH + " were changed");
        if (coupled.isPresent()) {
            return coupled;
        }
        float[] alone = Probe.maxPerPosition(first.sub(probe.mix(x.get("0:1"))));
        return firstDrift(alone, tolerance, "it ran alone instead of in a batch of " + BATCH);
    }

    private static Optional<CheckReport> firstDrift(float[] drift, float tolerance, String when) {
        for (int position = 0; position < drift.length; position++) {
            if (!(drift[position] <= tolerance)) {
                return Optional.of(CheckReport.fail(FailureReason.BATCH_COUPLED, "the output of sequence 0 at position "
                        + position + " changed by " + drift[position] + " when " + when + ": the mixer mixes "
                        + "across the batch axis (axis 0); reduce only over time (causally) or channels"));
            }
        }
        return Optional.empty();
    }
}
