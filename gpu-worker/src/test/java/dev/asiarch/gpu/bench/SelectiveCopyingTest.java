package dev.asiarch.gpu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SelectiveCopyingTest {

    private final SelectiveCopying task = new SelectiveCopying(64, 8, 16);

    @Test
    void copiesTheDataTokensInOrderSkippingFiller() {
        ReferenceSolver.assertSolves(task, seen -> {
            int separator = indexOf(seen, SelectiveCopying.SEPARATOR);
            int wanted = seen.length - 1 - separator; // how many tokens were already copied
            for (int j = 0; j < separator; j++) {
                if (seen[j] != SelectiveCopying.FILLER && wanted-- == 0) {
                    return seen[j];
                }
            }
            throw new AssertionError("fewer data tokens than copy positions");
        });
    }

    @Test
    void gradesTheSeparatorAndTheCopyPositionsOnly() {
        TaskExample example = task.example(5, 0);
        assertThat(example.scoredCount()).isEqualTo(8);
        for (int t = 0; t < 64; t++) {
            assertThat(example.scored()[t]).as("position %d", t).isEqualTo(t >= 55 && t < 63);
        }
        assertThat(example.inputs()[55]).isEqualTo(SelectiveCopying.SEPARATOR);
        assertThat(example.inputs()).containsOnlyOnce(SelectiveCopying.SEPARATOR);
    }

    @Test
    void chanceIsOneOverTheVocabulary() {
        assertThat(task.chance()).isEqualTo(1.0 / 16);
        assertThat(task.name()).isEqualTo("selective-copying");
    }

    @Test
    void rejectsParametersThatDoNotFitNamingThem() {
        assertThatThrownBy(() -> new SelectiveCopying(16, 8, 16)).hasMessageStartingWith("length must be at least 17");
        assertThatThrownBy(() -> new SelectiveCopying(64, 0, 16)).hasMessageStartingWith("tokens");
        assertThatThrownBy(() -> new SelectiveCopying(64, 8, 255)).hasMessageStartingWith("vocabulary");
    }

    private static int indexOf(int[] tokens, int token) {
        for (int j = 0; j < tokens.length; j++) {
            if (tokens[j] == token) {
                return j;
            }
        }
        throw new AssertionError("no separator before a graded position");
    }
}
