package dev.asiarch.gpu.checks;

import ai.djl.ndarray.types.Shape;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.workflows.activities.CheckReport;
import java.util.Optional;

/** Every output the checks see keeps its input's shape and holds finite numbers. */
final class InterfaceCheck {

    private InterfaceCheck() {
    }

    static Optional<CheckReport> of(Probe.Output output, int batch, int time, int dim, String weights) {
        Shape expected = new Shape(batch, time, dim);
        if (!output.shape().equals(expected)) {
            return Optional.of(CheckReport.fail(FailureReason.SHAPE_MISMATCH, "mix(x) returned shape "
                    + output.shape() + " for input " + expected + " (" + weights + "); it must return [batch, time, "
                    + "dim] unchanged, at every length (not only multiples of the chunk) and batch size"));
        }
        if (!Probe.isFinite(output.values().data())) {
            return Optional.of(CheckReport.fail(FailureReason.NON_FINITE, "mix(x) produced NaN or infinite values for "
                    + "a standard-normal input of shape " + expected + " (" + weights + "); guard divisions, "
                    + "logarithms, square roots and exponentials"));
        }
        return Optional.empty();
    }
}
