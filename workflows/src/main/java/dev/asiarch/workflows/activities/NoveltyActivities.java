package dev.asiarch.workflows.activities;

import io.temporal.activity.ActivityInterface;

/** The novelty check, on the {@code llm} task queue: is a proposal a repeat of an earlier experiment? */
@ActivityInterface
public interface NoveltyActivities {

    NoveltyVerdict check(NoveltyRequest request);
}
