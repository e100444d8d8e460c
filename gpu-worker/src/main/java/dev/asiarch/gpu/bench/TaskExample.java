package dev.asiarch.gpu.bench;

import java.util.Arrays;

/**
 * One sequence of a capability task: the input tokens, the next-token target at each position (0 where
 * not graded) and which positions are graded. The arrays are owned by the example; do not modify them.
 */
public record TaskExample(int[] inputs, int[] targets, boolean[] scored) {

    public TaskExample {
        if (targets.length != inputs.length || scored.length != inputs.length) {
            throw new IllegalArgumentException("targets (" + targets.length + ") and scored (" + scored.length
                    + ") must have the length of inputs (" + inputs.length + ")");
        }
        requireTokens("inputs", inputs);
        requireTokens("targets", targets);
    }

    /** Sequence length T. */
    public int length() {
        return inputs.length;
    }

    /** How many positions are graded. */
    public int scoredCount() {
        int count = 0;
        for (boolean graded : scored) {
            count += graded ? 1 : 0;
        }
        return count;
    }

    // Value semantics: records compare array components by identity, which would make determinism
    // checks and caching silently wrong.
    @Override
    public boolean equals(Object other) {
        return other instanceof TaskExample that && Arrays.equals(inputs, that.inputs)
                && Arrays.equals(targets, that.targets) && Arrays.equals(scored, that.scored);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(inputs) + Arrays.hashCode(targets)) + Arrays.hashCode(scored);
    }

    @Override
    public String toString() {
        return "TaskExample[inputs=" + Arrays.toString(inputs) + ", targets=" + Arrays.toString(targets)
                + ", scored=" + Arrays.toString(scored) + "]";
    }

    private static void requireTokens(String name, int[] tokens) {
        for (int t = 0; t < tokens.length; t++) {
            if (tokens[t] < 0 || tokens[t] > 255) {
                throw new IllegalArgumentException(name + "[" + t + "] = " + tokens[t]
                        + " is not a token id in 0..255");
            }
        }
    }
}
