package dev.asiarch.workflows.activities;

import io.temporal.activity.ActivityInterface;

/** The Engineer role, on the {@code llm} task queue: repairs a candidate from the diagnostics of its checks. */
@ActivityInterface
public interface EngineerActivities {

    RepairAnswer repair(RepairRequest request);
}
