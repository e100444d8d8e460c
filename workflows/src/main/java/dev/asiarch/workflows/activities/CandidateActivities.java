package dev.asiarch.workflows.activities;

import io.temporal.activity.ActivityInterface;

/**
 * Everything that runs candidate code, on the {@code gpu} task queue. Implementations run the
 * candidate in a child process; a candidate's own failure is a report, not an exception, so only
 * infrastructure faults are retried.
 */
@ActivityInterface
public interface CandidateActivities {

    CheckReport implement(ImplementRequest request);

    ScreeningReport screen(ScreenRequest request);
}
