package dev.asiarch.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void rendersTheShareDone() {
        assertThat(ProgressBar.render(0, 4, "runs")).isEqualTo("[....................] 0/4 runs");
        assertThat(ProgressBar.render(1, 4, "runs")).isEqualTo("[#####...............] 1/4 runs");
        assertThat(ProgressBar.render(4, 4, "runs")).isEqualTo("[####################] 4/4 runs");
        assertThat(ProgressBar.render(3, 0, "runs")).isEqualTo("[....................] 3/0 runs");
    }

    @Test
    void printsALineOnlyWhenWhatItShowsChangesOutsideATerminal() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), false);
        bar.show(1, 2, "experiments", "EXPLORING");
        bar.show(1, 2, "experiments", "EXPLORING");
        bar.show(2, 2, "experiments", "FINISHED");
        bar.finish();
        assertThat(text.toString().lines()).containsExactly("[##########..........] 1/2 experiments  EXPLORING",
                "[####################] 2/2 experiments  FINISHED");
    }

    @Test
    void redrawsOneLineOnATerminal() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), true);
        bar.show(1, 2, "experiments", "a longer detail");
        bar.show(2, 2, "experiments", "done");
        bar.finish();
        assertThat(text.toString()).startsWith("\r[##########..........] 1/2 experiments  a longer detail\r")
                .endsWith("\n").containsOnlyOnce("\n");
    }
}
