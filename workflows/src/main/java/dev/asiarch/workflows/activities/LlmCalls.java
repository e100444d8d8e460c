package dev.asiarch.workflows.activities;

import dev.asiarch.core.experiment.LlmCall;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * Model calls carried as the details of an agent activity's failure, so that an agent which gave up
 * (after answers it could not use) still has its tokens and cost recorded.
 */
public record LlmCalls(List<LlmCall> calls) {

    public LlmCalls {
        calls = List.copyOf(calls);
    }

    /** The calls an activity failure carries, or none. */
    public static List<LlmCall> carriedBy(ActivityFailure failure) {
        if (failure.getCause() instanceof ApplicationFailure application && application.getDetails().getSize() > 0) {
            try {
                return application.getDetails().get(LlmCalls.class).calls();
            } catch (RuntimeException notCalls) {
                return List.of();
            }
        }
        return List.of();
    }
}
