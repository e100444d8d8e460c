package dev.asiarch.gpu.bench;

import java.util.SplittableRandom;

/**
 * Selective copying: {@code tokens} data tokens (ids 2..vocabulary+1) scattered in order among filler
 * (0), then a separator (1), after which the model must emit the data tokens in order, skipping the
 * filler. Targets are graded at the separator and the {@code tokens - 1} positions after it; the inputs
 * there are the data tokens already emitted (teacher forcing).
 */
public record SelectiveCopying(int length, int tokens, int vocabulary) implements CapabilityTask {

    public static final int FILLER = 0;
    public static final int SEPARATOR = 1;

    public SelectiveCopying {
        Parameters.requireBetween("vocabulary", vocabulary, 1, 254, "data tokens 2..vocabulary+1 are token ids");
        Parameters.requireAtLeast("tokens", tokens, 1, "something to copy");
        Parameters.requireAtLeast("length", length, 2 * tokens + 1,
                "2 * tokens + 1: a region holding the tokens, the separator, then the copy");
    }

    @Override
    public String name() {
        return "selective-copying";
    }

    @Override
    public double chance() {
        return 1.0 / vocabulary;
    }

    @Override
    public TaskExample example(long seed, long index) {
        SplittableRandom random = Draws.forExample(seed, index);
        int[] inputs = new int[length];
        int[] targets = new int[length];
        boolean[] scored = new boolean[length];
        int separator = length - tokens - 1;
        int[] places = Draws.sortedDistinct(random, separator, tokens);
        inputs[separator] = SEPARATOR;
        for (int i = 0; i < tokens; i++) {
            int data = 2 + random.nextInt(vocabulary);
            inputs[places[i]] = data;
            targets[separator + i] = data;
            scored[separator + i] = true;
            inputs[separator + 1 + i] = data;
        }
        return new TaskExample(inputs, targets, scored);
    }
}
