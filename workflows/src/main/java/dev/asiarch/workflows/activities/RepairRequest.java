package dev.asiarch.workflows.activities;

import dev.asiarch.core.experiment.FailureReason;

/**
 * A candidate that failed its checks, for the Engineer: what it is meant to do, its source, and the
 * diagnostic that says what failed and where.
 *
 * @param round the repair being asked for, 1..K
 */
public record RepairRequest(String campaignId, String experimentId, int round, String name, String motivation,
                            String source, FailureReason failure, String diagnostic) {
}
