package dev.asiarch.workflows.experiment;

/** Where a running experiment is; {@code name} is empty until the proposal exists. */
public record ExperimentProgress(String experimentId, ExperimentStep step, String name) {
}
