package dev.asiarch.gpu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskExampleTest {

    @Test
    void rejectsArraysOfDifferentLengths() {
        assertThatThrownBy(() -> new TaskExample(new int[3], new int[2], new boolean[3]))
                .hasMessageContaining("targets (2)").hasMessageContaining("inputs (3)");
    }

    @Test
    void rejectsTokensOutsideTheByteVocabulary() {
        assertThatThrownBy(() -> new TaskExample(new int[] {0, 256}, new int[2], new boolean[2]))
                .hasMessageStartingWith("inputs[1] = 256");
    }

    @Test
    void comparesByContent() {
        TaskExample example = new TaskExample(new int[] {1, 2}, new int[] {2, 0}, new boolean[] {true, false});
        TaskExample same = new TaskExample(new int[] {1, 2}, new int[] {2, 0}, new boolean[] {true, false});

        assertThat(example).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(example.scoredCount()).isEqualTo(1);
    }
}
