package dev.asiarch.core.profile;

import java.util.List;

/**
 * One learned capability benchmark: the candidate mixer, inside a small model of its own, is trained on
 * a synthetic task for {@code steps} steps (as in the Zoology benchmark) and its accuracy at the graded
 * positions of held-out examples is the score.
 *
 * @param task        {@code mqar}, {@code mqar-updates} (every key re-bound to a new value before the
 *                    queries, which ask for the latest), {@code selective-copying} or {@code induction}
 * @param length      sequence length
 * @param items       key-value pairs (mqar) or tokens to copy (selective-copying); unused by induction
 * @param vocabulary  distinct keys and values (mqar) or data tokens (the others)
 * @param layers      blocks of the task model (its width is the profile's)
 * @param evalBatches held-out batches averaged into the accuracy
 */
public record CapabilityBenchmark(String task, int length, int items, int vocabulary, int layers, int steps,
                                  int batchSize, double learningRate, int evalBatches) {

    public static final List<String> TASKS = List.of("mqar", "mqar-updates", "selective-copying", "induction");

    public CapabilityBenchmark {
        if (!TASKS.contains(task)) {
            throw new IllegalArgumentException("capability task '" + task + "' is unknown; known: "
                    + String.join(", ", TASKS));
        }
        if (length < 8 || items < 0 || vocabulary < 2 || layers < 1 || steps < 1 || batchSize < 1 || evalBatches < 1
                || !(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("capability benchmark " + task + ": length >= 8, items >= 0,"
                    + " vocabulary >= 2, layers, steps, batchSize, evalBatches >= 1 and learningRate in (0, 1)"
                    + " are required, got " + this);
        }
    }

    /** A short label such as {@code mqar-64x32}. */
    public String label() {
        return switch (task) {
            case "mqar" -> "mqar-" + length + "x" + items;
            case "mqar-updates" -> "mqar-updates-" + length + "x" + items;
            case "selective-copying" -> "copy-" + length + "x" + items;
            default -> "induction-" + length;
        };
    }
}
