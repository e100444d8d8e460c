package dev.asiarch.gpu.bench;

import java.util.SplittableRandom;

/**
 * Induction heads: random tokens (ids 2..vocabulary+1) with a trigger (1) once in the first half; the
 * last input is the trigger again, and the model must predict the token that followed its first
 * occurrence. Only that last position is graded.
 */
public record InductionHeads(int length, int vocabulary) implements CapabilityTask {

    public static final int TRIGGER = 1;

    public InductionHeads {
        Parameters.requireBetween("vocabulary", vocabulary, 1, 254, "tokens 2..vocabulary+1 are token ids");
        Parameters.requireAtLeast("length", length, 4,
                "room for the trigger and its token in the first half and the trigger again at the end");
    }

    @Override
    public String name() {
        return "induction";
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
        for (int t = 0; t < length; t++) {
            inputs[t] = 2 + random.nextInt(vocabulary);
        }
        // A trigger in the first half leaves its successor (at most length / 2) clear of the final trigger.
        int trigger = random.nextInt(length / 2);
        inputs[trigger] = TRIGGER;
        inputs[length - 1] = TRIGGER;
        targets[length - 1] = inputs[trigger + 1];
        scored[length - 1] = true;
        return new TaskExample(inputs, targets, scored);
    }
}
