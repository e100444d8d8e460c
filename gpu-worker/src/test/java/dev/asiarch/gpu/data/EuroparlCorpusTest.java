package dev.asiarch.gpu.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EuroparlCorpusTest {

    @Test
    void splitIsFixedBySeedAndHoldsRealText() {
        TextSplit first = EuroparlCorpus.load(300_000, 0.1, 5);
        TextSplit again = EuroparlCorpus.load(300_000, 0.1, 5);
        TextSplit other = EuroparlCorpus.load(300_000, 0.1, 6);

        assertThat(first.train()).isEqualTo(again.train());
        assertThat(first.validation()).isEqualTo(again.validation());
        assertThat(first.validation()).isNotEqualTo(other.validation());
        long total = first.train().length + first.validation().length;
        assertThat(total).isGreaterThanOrEqualTo(300_000);
        assertThat((double) first.validation().length / total).isBetween(0.02, 0.3);
        assertThat(new String(first.train(), StandardCharsets.UTF_8)).contains(" the ");
    }
}
