package dev.asiarch.workflows.activities;

import io.temporal.activity.ActivityInterface;

/** The Analyst, on the {@code llm} task queue: explains a trained experiment against its lineage. */
@ActivityInterface
public interface AnalystActivities {

    AnalysisAnswer analyse(AnalysisRequest request);
}
