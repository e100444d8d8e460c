package dev.asiarch.workflows.experiment;

/** The steps of one experiment, in order. */
public enum ExperimentStep {
    PROPOSE,
    NOVELTY,
    IMPLEMENT,
    REPAIR,
    SCREEN,
    JUDGE,
    ANALYSE,
    RECORD,
    DONE
}
