package dev.asiarch.workflows.activities;

import dev.asiarch.core.experiment.Diagnostic;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.experiment.TrainingMetrics;
import java.util.Optional;

/** The outcome of a screening run: metrics, or why there are none. */
public record ScreeningReport(boolean trained, Optional<TrainingMetrics> metrics, Optional<FailureReason> failure,
                              String diagnostic) {

    public ScreeningReport {
        diagnostic = Diagnostic.bounded(diagnostic);
    }

    public static ScreeningReport trained(TrainingMetrics metrics) {
        return new ScreeningReport(true, Optional.of(metrics), Optional.empty(), "");
    }

    public static ScreeningReport failed(FailureReason reason, String diagnostic) {
        return new ScreeningReport(false, Optional.empty(), Optional.of(reason), diagnostic);
    }
}
