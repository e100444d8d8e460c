package dev.asiarch.gpu.bench;

/**
 * Consecutive examples of a task flattened row-major into {@code [batchSize, T]} arrays, ready to become
 * int64 inputs and targets and a float mask that is 1 at the graded positions.
 */
public record TaskBatch(long[] inputs, long[] targets, float[] mask, int scoredCount) {

    public TaskBatch {
        if (targets.length != inputs.length || mask.length != inputs.length) {
            throw new IllegalArgumentException("targets (" + targets.length + ") and mask (" + mask.length
                    + ") must have the length of inputs (" + inputs.length + ")");
        }
    }

    /** Examples {@code firstIndex .. firstIndex + batchSize - 1} of {@code task}'s stream seeded by {@code seed}. */
    public static TaskBatch of(CapabilityTask task, long seed, long firstIndex, int batchSize) {
        Parameters.requireAtLeast("batchSize", batchSize, 1, "a batch holds at least one example");
        int length = task.length();
        int size = Math.multiplyExact(batchSize, length);
        long[] inputs = new long[size];
        long[] targets = new long[size];
        float[] mask = new float[size];
        int scoredCount = 0;
        for (int row = 0; row < batchSize; row++) {
            TaskExample example = task.example(seed, firstIndex + row);
            for (int t = 0; t < length; t++) {
                int at = row * length + t;
                inputs[at] = example.inputs()[t];
                targets[at] = example.targets()[t];
                if (example.scored()[t]) {
                    mask[at] = 1f;
                    scoredCount++;
                }
            }
        }
        return new TaskBatch(inputs, targets, mask, scoredCount);
    }
}
