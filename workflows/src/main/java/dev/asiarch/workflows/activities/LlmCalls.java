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
        return failure.getCause() instanceof ApplicationFailure application ? carriedBy(application) : List.of();
    }

    /** The calls an application failure carries in its details, or none. */
    public static List<LlmCall> carriedBy(ApplicationFailure failure) {
        if (failure.getDetails().getSize() == 0) {
            return List.of();
        }
        try {
            return failure.getDetails().get(LlmCalls.class).calls();
        } catch (RuntimeException notCalls) {
            return List.of();
        }
    }
}
