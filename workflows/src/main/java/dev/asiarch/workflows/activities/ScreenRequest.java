package dev.asiarch.workflows.activities;

import java.util.List;
import java.util.Optional;

/**
 * Train {@code source} inside the language model of {@code profile} and measure it.
 *
 * @param parentId the experiment it evolved from, for its reproducibility manifest
 * @param models   the model ids of the agents that shaped it so far, for the same manifest
 */
public record ScreenRequest(String campaignId, String experimentId, String source, String profile, long seed,
                            Optional<String> parentId, List<String> models) {

    public ScreenRequest {
        parentId = parentId == null ? Optional.empty() : parentId;
        models = models == null ? List.of() : List.copyOf(models);
    }

    public ScreenRequest(String campaignId, String experimentId, String source, String profile, long seed) {
        this(campaignId, experimentId, source, profile, seed, Optional.empty(), List.of());
    }
}
