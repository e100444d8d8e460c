package dev.asiarch.gpu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.ToIntFunction;

/** Proves a task solvable by a causal model: a rule shown only inputs[0..t] must give every graded target. */
final class ReferenceSolver {

    private ReferenceSolver() {
    }

    static void assertSolves(CapabilityTask task, ToIntFunction<int[]> rule) {
        for (long index = 0; index < 300; index++) {
            TaskExample example = task.example(11, index);
            for (int t = 0; t < task.length(); t++) {
                if (example.scored()[t]) {
                    int[] seen = Arrays.copyOf(example.inputs(), t + 1);
                    assertThat(rule.applyAsInt(seen)).as("example %d, position %d", index, t)
                            .isEqualTo(example.targets()[t]);
                }
            }
        }
    }

    /** Position of the first {@code token} in {@code seen}, before its last position. */
    static int firstBeforeLast(int[] seen, int token) {
        for (int j = 0; j < seen.length - 1; j++) {
            if (seen[j] == token) {
                return j;
            }
        }
        throw new AssertionError("token " + token + " does not occur before position " + (seen.length - 1));
    }
}
