package dev.asiarch.workflows.activities;

import dev.asiarch.core.experiment.TrainingMetrics;

/** A trained experiment to grade: what it is meant to do, its source and what it measured. */
public record JudgeRequest(String campaignId, String experimentId, String name, String motivation, String source,
                           TrainingMetrics metrics) {
}
