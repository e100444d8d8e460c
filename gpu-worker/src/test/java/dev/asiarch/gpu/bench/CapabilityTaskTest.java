package dev.asiarch.gpu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CapabilityTaskTest {

    static Stream<CapabilityTask> tasks() {
        return Stream.of(new AssociativeRecall(64, 8, 32, 16, 4), new SelectiveCopying(64, 8, 16),
                new InductionHeads(64, 16));
    }

    @ParameterizedTest
    @MethodSource("tasks")
    void exampleIsAPureFunctionOfSeedAndIndex(CapabilityTask task) {
        TaskExample first = task.example(42, 1_000_000_007L);
        task.example(42, 5); // generating other examples in between must not matter

        assertThat(task.example(42, 1_000_000_007L)).isEqualTo(first);
        assertThat(tasks().filter(t -> t.name().equals(task.name())).findFirst().orElseThrow()
                .example(42, 1_000_000_007L)).isEqualTo(first);
    }

    @ParameterizedTest
    @MethodSource("tasks")
    void examplesDifferAcrossIndicesAndSeeds(CapabilityTask task) {
        Set<TaskExample> seen = new HashSet<>();
        for (long index = 0; index < 50; index++) {
            seen.add(task.example(1, index));
            seen.add(task.example(2, index));
        }
        assertThat(seen).hasSize(100);
    }

    @ParameterizedTest
    @MethodSource("tasks")
    void gradedAnswersTakeAsManyValuesAsChanceImplies(CapabilityTask task) {
        Set<Integer> answers = new HashSet<>();
        for (long index = 0; index < 500; index++) {
            TaskExample example = task.example(3, index);
            assertThat(example.length()).isEqualTo(task.length());
            for (int t = 0; t < task.length(); t++) {
                if (example.scored()[t]) {
                    answers.add(example.targets()[t]);
                }
            }
        }
        assertThat(answers).hasSize((int) Math.round(1 / task.chance()));
    }
}
