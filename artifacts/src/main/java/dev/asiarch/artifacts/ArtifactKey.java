package dev.asiarch.artifacts;

import dev.asiarch.core.experiment.ArtifactLayout;
import java.util.regex.Pattern;

/**
 * Where an artifact lives in the bucket. The layout is
 * {@code campaigns/<campaign>/experiments/<experiment>/<file>}, for example
 * {@code campaigns/c-20261122-1a2b/experiments/c-20261122-1a2b-e001/train.log}.
 */
public record ArtifactKey(String path) {

    // ':' because a Temporal Schedule names each run (and so its campaign) <id>-<RFC 3339 time>, such as
    // nightly-2026-11-22T06:00:00Z; S3 keys and the embedded server's files take it as it is.
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._:-]+(/[A-Za-z0-9._:-]+)*");

    public ArtifactKey {
        if (path == null || !PATH.matcher(path).matches() || path.contains("..")) {
            throw new IllegalArgumentException("artifact key '" + path
                    + "' must be slash-separated segments of letters, digits, '.', '_', ':' and '-'");
        }
    }

    /** The folder of one experiment's artifacts. */
    public static String experimentPrefix(String campaignId, String experimentId) {
        return ArtifactLayout.experimentPrefix(segment(campaignId), segment(experimentId));
    }

    /** One file of one experiment, such as {@code source/DeltaNet.java} or {@code metrics.json}. */
    public static ArtifactKey experimentFile(String campaignId, String experimentId, String file) {
        return new ArtifactKey(experimentPrefix(campaignId, experimentId) + file);
    }

    private static String segment(String value) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' cannot be part of an artifact key");
        }
        return value;
    }
}
