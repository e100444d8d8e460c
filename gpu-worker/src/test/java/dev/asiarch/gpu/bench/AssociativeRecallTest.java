package dev.asiarch.gpu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AssociativeRecallTest {

    private final AssociativeRecall task = new AssociativeRecall(64, 8, 32, 16, 4);

    @Test
    void recallsEveryAnswerFromTheFirstPairHoldingTheQueriedKey() {
        ReferenceSolver.assertSolves(task, seen -> {
            int key = seen[seen.length - 1];
            return seen[ReferenceSolver.firstBeforeLast(seen, key) + 1];
        });
    }

    @Test
    void withUpdatesEveryAnswerIsTheLatestValueBoundToTheKey() {
        AssociativeRecall updating = new AssociativeRecall(96, 8, 32, 16, 8, 4);

        ReferenceSolver.assertSolves(updating, seen -> {
            int key = seen[seen.length - 1];
            for (int j = seen.length - 2; j >= 0; j--) {
                if (seen[j] == key) {
                    return seen[j + 1];
                }
            }
            throw new AssertionError("key " + key + " was never bound");
        });
        int overwritten = 0;
        for (long index = 0; index < 100; index++) {
            TaskExample example = updating.example(3, index);
            for (int t = 0; t < updating.length(); t++) {
                if (example.scored()[t]) {
                    int first = example.inputs()[ReferenceSolver.firstBeforeLast(Arrays.copyOf(example.inputs(), t + 1),
                            example.inputs()[t]) + 1];
                    overwritten += first != example.targets()[t] ? 1 : 0;
                }
            }
        }
        // Half the keys are re-bound, each to a value different from its first one.
        assertThat(overwritten).isEqualTo(100 * 4);
        assertThat(updating.name()).isEqualTo("mqar-updates");
    }

    @Test
    void gradesOneQueryKeyPerQueryAndFeedsItsAnswerNext() {
        for (long index = 0; index < 200; index++) {
            TaskExample example = task.example(5, index);
            assertThat(example.scoredCount()).isEqualTo(4);
            for (int t = 0; t < task.length(); t++) {
                if (example.scored()[t]) {
                    assertThat(t).isGreaterThanOrEqualTo(16).isLessThan(63);
                    assertThat(example.inputs()[t]).isBetween(1, 32);
                    assertThat(example.inputs()[t + 1]).isEqualTo(example.targets()[t]);
                }
            }
        }
    }

    @Test
    void laysOutDistinctKeysWithValuesFromADisjointRange() {
        TaskExample example = task.example(9, 0);
        int[] keys = new int[8];
        for (int i = 0; i < 8; i++) {
            keys[i] = example.inputs()[2 * i];
            assertThat(example.inputs()[2 * i + 1]).isBetween(33, 48);
        }
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(Arrays.stream(keys)).allMatch(key -> key >= 1 && key <= 32);
        int[] tail = Arrays.copyOfRange(example.inputs(), 16, 64);
        assertThat(Arrays.stream(tail).filter(token -> token != AssociativeRecall.FILLER)).hasSize(8);
    }

    @Test
    void fillsTheWholeTailWhenQueriesUseEverySlot() {
        TaskExample example = new AssociativeRecall(8, 2, 4, 4, 2).example(1, 1);
        assertThat(example.inputs()).doesNotContain(AssociativeRecall.FILLER);
        assertThat(example.scored()).containsExactly(false, false, false, false, true, false, true, false);
    }

    @Test
    void chanceIsOneOverTheValueVocabulary() {
        assertThat(task.chance()).isEqualTo(1.0 / 16);
        assertThat(task.name()).isEqualTo("mqar");
    }

    @Test
    void rejectsParametersThatDoNotFitNamingThem() {
        assertThatThrownBy(() -> new AssociativeRecall(64, 8, 32, 16, 9)).hasMessageStartingWith("queries");
        assertThatThrownBy(() -> new AssociativeRecall(64, 40, 32, 16, 4)).hasMessageStartingWith("pairs");
        assertThatThrownBy(() -> new AssociativeRecall(64, 8, 0, 16, 4)).hasMessageStartingWith("keyVocabulary");
        assertThatThrownBy(() -> new AssociativeRecall(64, 8, 200, 56, 4))
                .hasMessageStartingWith("valueVocabulary must be between 1 and 55");
        assertThatThrownBy(() -> new AssociativeRecall(23, 8, 32, 16, 4))
                .hasMessageStartingWith("length must be at least 24");
    }
}
