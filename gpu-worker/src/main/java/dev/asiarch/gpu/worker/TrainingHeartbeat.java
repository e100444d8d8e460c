package dev.asiarch.gpu.worker;

/**
 * What a screening activity heartbeats: the latest progress line, and the object-store key and step
 * of the latest checkpoint ({@code ""} and 0 before the first). A retried attempt reads it back to
 * resume.
 */
public record TrainingHeartbeat(String progress, String checkpointKey, int checkpointStep) {

    public boolean hasCheckpoint() {
        return !checkpointKey.isEmpty();
    }

    TrainingHeartbeat withProgress(String line) {
        return new TrainingHeartbeat(line, checkpointKey, checkpointStep);
    }

    TrainingHeartbeat withCheckpoint(String key, int step) {
        return new TrainingHeartbeat(progress, key, step);
    }
}
