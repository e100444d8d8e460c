package dev.asiarch.gpu.checks;

import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.workflows.activities.CheckReport;
import java.util.Optional;
import java.util.Random;

/**
 * A sequence's output must not depend on its batch mates: the first sequence of a batch of the
 * profile's size gives the same output when the others are redrawn (louder) ({@link #mates}); and the
 * first sequences give the same outputs in a batch of four and alone ({@link #sizes}), which the
 * checks ask after causality, so that a mixer that reads ahead only in large batches is named for that.
 */
final class BatchIndependenceCheck {

    private BatchIndependenceCheck() {
    }

    static Optional<CheckReport.Failed> mates(Probe probe, int batch, int time, int dim, String weights, Random random) {
        return run(probe, batch, time, dim, weights, random, true);
    }

    static Optional<CheckReport.Failed> sizes(Probe probe, int batch, int time, int dim, String weights, Random random) {
        return run(probe, batch, time, dim, weights, random, false);
    }

    private static Optional<CheckReport.Failed> run(Probe probe, int batch, int time, int dim, String weights, Random random,
                                             boolean mates) {
        int size = Math.max(batch, 2);
        Probe.Values x = Inputs.normal(random, size, time, dim);
        Probe.Values reference = InterfaceCheck.mixed(probe, x, weights);
        double median = Drift.medianMagnitude(reference.data());

        if (mates) {
            Probe.Values redrawn = x.copy();
            float[] loud = Inputs.normal(random, size - 1, time, dim).data();
            for (int i = 0; i < loud.length; i++) {
                redrawn.data()[time * dim + i] = 3 * loud[i];
            }
            return compare(probe, reference, redrawn, 1, median,
                    "the other sequences of its batch of " + size + " were redrawn", weights);
        }
        Optional<CheckReport.Failed> coupled = Optional.empty();
        if (size > 4) {
            coupled = compare(probe, reference, Inputs.rows(x, 0, 4), 4, median,
                    "it ran in a batch of 4 instead of " + size, weights);
        }
        if (coupled.isEmpty()) {
            coupled = compare(probe, reference, Inputs.rows(x, 0, 1), 1, median,
                    "it ran alone instead of in a batch of " + size, weights);
        }
        return coupled;
    }

    /** Runs {@code input} and compares the first {@code rows} sequences of its output with the reference's. */
    private static Optional<CheckReport.Failed> compare(Probe probe, Probe.Values reference, Probe.Values input, int rows,
                                                 double median, String when, String weights) {
        Probe.Values other = InterfaceCheck.mixed(probe, input, weights);
        int rowSize = reference.time() * reference.dim();
        return Drift.first(reference.data(), other.data(), 0, rows * rowSize, median).map(beyond -> {
            int row = beyond.index() / rowSize;
            int position = beyond.index() % rowSize / reference.dim();
            return CheckReport.fail(FailureReason.BATCH_COUPLED, String.format(java.util.Locale.ROOT,
                    "the output of sequence %d at position %d changed from %.6g to %.6g when %s (length %d, %s): "
                            + "the mixer mixes across the batch axis (axis 0); reduce only over time (causally) "
                            + "or channels", row, position, beyond.reference(), beyond.other(), when,
                    reference.time(), weights));
        });
    }
}
