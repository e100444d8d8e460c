package dev.asiarch.core.experiment;

/**
 * Where an experiment's artifacts live in the object store:
 * {@code campaigns/<campaign>/experiments/<experiment>/} followed by
 * {@code source/<Class>.java}, {@code checks.json}, {@code train.log}, {@code metrics.json}.
 */
public final class ArtifactLayout {

    private ArtifactLayout() {
    }

    public static String experimentPrefix(String campaignId, String experimentId) {
        return "campaigns/" + campaignId + "/experiments/" + experimentId + "/";
    }
}
