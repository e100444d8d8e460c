package dev.asiarch.workflows.activities;

import dev.asiarch.core.experiment.TrainingMetrics;
import java.util.Optional;

/** A trained experiment to analyse; its parent, grandparent and siblings are read from the store. */
public record AnalysisRequest(String campaignId, String experimentId, Optional<String> parentId, String name,
                              String motivation, String source, TrainingMetrics metrics) {
}
