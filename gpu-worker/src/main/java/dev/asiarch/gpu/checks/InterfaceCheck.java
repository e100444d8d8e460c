package dev.asiarch.gpu.checks;

import ai.djl.ndarray.types.Shape;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.workflows.activities.CheckReport;
import java.util.Optional;

/**
 * Every output the checks see keeps its input's shape and holds finite numbers. {@link #mixed} runs the
 * mixer and throws {@link Failed} when an output breaks that, which {@link MixerChecks} turns into the
 * report, so that each check reads as the comparison it makes.
 */
final class InterfaceCheck {

    /** An output that broke the interface, with its report. */
    static final class Failed extends RuntimeException {
        private final transient CheckReport.Failed report;

        Failed(CheckReport.Failed report) {
            super(report.diagnostic(), null, false, false);
            this.report = report;
        }

        CheckReport.Failed report() {
            return report;
        }
    }

    private InterfaceCheck() {
    }

    /** The mixer's output for {@code input}, once it has the input's shape and finite values. */
    static Probe.Values mixed(Probe probe, Probe.Values input, String weights) {
        Probe.Output output = probe.mix(input);
        of(output, input.batch(), input.time(), input.dim(), weights).ifPresent(report -> {
            throw new Failed(report);
        });
        return output.values();
    }

    static Optional<CheckReport.Failed> of(Probe.Output output, int batch, int time, int dim, String weights) {
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
