package dev.asiarch.activities.engineer;

import dev.asiarch.workflows.activities.EngineerActivities;
import dev.asiarch.workflows.activities.RepairAnswer;
import dev.asiarch.workflows.activities.RepairRequest;

/**
 * The Engineer when no LLM is configured: it cannot write code, so it declines every repair and the
 * experiment records the failed check as final.
 */
public final class OfflineEngineer implements EngineerActivities {

    public static final String NAME = "offline (no LLM configured)";

    @Override
    public RepairAnswer repair(RepairRequest request) {
        return RepairAnswer.declined(NAME, "no LLM is configured for the Engineer; the " + request.failure()
                + " failure is recorded as it is", java.util.List.of());
    }
}
