package dev.asiarch.gpu.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.workflows.activities.CheckReport;
import dev.asiarch.workflows.activities.ScreeningReport;

/** Reads a verdict as the outcome a test expects, failing with the verdict itself when it is the other one. */
public final class Reports {

    private Reports() {
    }

    public static CheckReport.Passed passed(CheckReport report) {
        assertThat(report).as("expected the checks to pass").isInstanceOf(CheckReport.Passed.class);
        return (CheckReport.Passed) report;
    }

    public static CheckReport.Failed failed(CheckReport report) {
        assertThat(report).as("expected the checks to fail").isInstanceOf(CheckReport.Failed.class);
        return (CheckReport.Failed) report;
    }

    public static ScreeningReport.Failed failed(ScreeningReport report) {
        assertThat(report).as("expected the screening to fail").isInstanceOf(ScreeningReport.Failed.class);
        return (ScreeningReport.Failed) report;
    }

    public static TrainingMetrics metrics(ScreeningReport report) {
        assertThat(report).as("expected the candidate to train").isInstanceOf(ScreeningReport.Trained.class);
        return ((ScreeningReport.Trained) report).metrics();
    }
}
