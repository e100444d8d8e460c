package dev.asiarch.core.experiment;

/** Whether an experiment measures the campaign's baseline or a proposed candidate. */
public enum ExperimentRole {
    BASELINE,
    CANDIDATE
}
