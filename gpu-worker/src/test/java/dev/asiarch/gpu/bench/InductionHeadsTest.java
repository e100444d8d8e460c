package dev.asiarch.gpu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InductionHeadsTest {

    private final InductionHeads task = new InductionHeads(64, 16);

    @Test
    void predictsTheTokenThatFollowedTheFirstTrigger() {
        ReferenceSolver.assertSolves(task,
                seen -> seen[ReferenceSolver.firstBeforeLast(seen, InductionHeads.TRIGGER) + 1]);
    }

    @Test
    void placesTheTriggerOnceInTheFirstHalfAndAgainAtTheEnd() {
        for (long index = 0; index < 200; index++) {
            TaskExample example = task.example(5, index);
            int[] triggers = IntStream.range(0, 64)
                    .filter(t -> example.inputs()[t] == InductionHeads.TRIGGER).toArray();
            assertThat(triggers).hasSize(2).endsWith(63);
            assertThat(triggers[0]).isLessThan(32);
            assertThat(example.scoredCount()).isEqualTo(1);
            assertThat(example.scored()[63]).isTrue();
        }
    }

    @Test
    void worksAtTheShortestLength() {
        for (long index = 0; index < 20; index++) {
            int[] inputs = new InductionHeads(4, 3).example(0, index).inputs();
            assertThat(Arrays.stream(inputs).filter(t -> t == InductionHeads.TRIGGER)).hasSize(2);
        }
    }

    @Test
    void chanceIsOneOverTheVocabulary() {
        assertThat(task.chance()).isEqualTo(1.0 / 16);
        assertThat(task.name()).isEqualTo("induction");
    }

    @Test
    void rejectsParametersThatDoNotFitNamingThem() {
        assertThatThrownBy(() -> new InductionHeads(3, 16)).hasMessageStartingWith("length must be at least 4");
        assertThatThrownBy(() -> new InductionHeads(64, 0)).hasMessageStartingWith("vocabulary");
    }
}
