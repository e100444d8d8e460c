package dev.asiarch.gpu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskBatchTest {

    private final CapabilityTask task = new AssociativeRecall(32, 4, 16, 8, 3);

    @Test
    void rowsAreConsecutiveExamplesOfTheStream() {
        TaskBatch batch = TaskBatch.of(task, 7, 100, 5);

        assertThat(batch.inputs()).hasSize(5 * 32);
        for (int row = 0; row < 5; row++) {
            TaskExample example = task.example(7, 100 + row);
            for (int t = 0; t < 32; t++) {
                int at = row * 32 + t;
                assertThat(batch.inputs()[at]).isEqualTo(example.inputs()[t]);
                assertThat(batch.targets()[at]).isEqualTo(example.targets()[t]);
                assertThat(batch.mask()[at]).isEqualTo(example.scored()[t] ? 1f : 0f);
            }
        }
        assertThat(batch.scoredCount()).isEqualTo(5 * 3);
    }

    @Test
    void overlappingBatchesAgreeOnSharedExamples() {
        TaskBatch later = TaskBatch.of(task, 7, 101, 1);
        TaskBatch wider = TaskBatch.of(task, 7, 100, 2);

        for (int t = 0; t < 32; t++) {
            assertThat(wider.inputs()[32 + t]).isEqualTo(later.inputs()[t]);
        }
    }

    @Test
    void rejectsAnEmptyBatch() {
        assertThatThrownBy(() -> TaskBatch.of(task, 7, 0, 0)).hasMessageStartingWith("batchSize");
    }
}
