package dev.asiarch.workflows.activities;

import dev.asiarch.core.fitness.NoiseFloor;
import java.util.List;

/**
 * The baseline's further screenings for a campaign's noise floor: the runs that trained, and for each
 * that did not, its seed and why.
 */
public record BaselineSeeds(String campaignId, List<NoiseFloor.Run> runs, List<Failed> failures) {

    /** A seed whose screening did not train. */
    public record Failed(long seed, String reason) {
    }

    public BaselineSeeds {
        runs = List.copyOf(runs);
        failures = failures == null ? List.of() : List.copyOf(failures);
    }
}
