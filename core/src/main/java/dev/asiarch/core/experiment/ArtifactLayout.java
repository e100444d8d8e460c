package dev.asiarch.core.experiment;

/**
 * Where an experiment's artifacts live in the object store, the one statement of it: under
 * {@code campaigns/<campaign>/experiments/<experiment>/}, the latest attempt's {@code source/<Class>.java}
 * and {@code checks.json} (every attempt's also under {@code attempts/<round>/}), then
 * {@code manifest.json}, {@code checkpoint.bin}, {@code train.log} and {@code metrics.json} of its screening.
 */
public final class ArtifactLayout {

    public static final String CHECKS = "checks.json";
    public static final String MANIFEST = "manifest.json";
    public static final String CHECKPOINT = "checkpoint.bin";
    public static final String TRAIN_LOG = "train.log";
    public static final String METRICS = "metrics.json";

    private ArtifactLayout() {
    }

    public static String experimentPrefix(String campaignId, String experimentId) {
        return "campaigns/" + campaignId + "/experiments/" + experimentId + "/";
    }

    /** The latest checked source, by its class's file name ({@code DeltaNet.java}). */
    public static String source(String javaFile) {
        return "source/" + javaFile;
    }

    /** A file of one implementation attempt: its source, or {@link #CHECKS}. */
    public static String attemptFile(int round, String file) {
        return "attempts/" + round + "/" + file;
    }
}
