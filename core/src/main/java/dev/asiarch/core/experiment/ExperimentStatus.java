package dev.asiarch.core.experiment;

/** How an experiment ended. */
public enum ExperimentStatus {
    /** Passed every check and finished its screening run. */
    TRAINED,
    /** Stopped early; the record says why. */
    FAILED
}
