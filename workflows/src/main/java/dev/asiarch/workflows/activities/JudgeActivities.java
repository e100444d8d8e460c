package dev.asiarch.workflows.activities;

import io.temporal.activity.ActivityInterface;

/** The Judge, on the {@code llm} task queue: grades a trained experiment on the rubric. */
@ActivityInterface
public interface JudgeActivities {

    JudgeAnswer judge(JudgeRequest request);
}
