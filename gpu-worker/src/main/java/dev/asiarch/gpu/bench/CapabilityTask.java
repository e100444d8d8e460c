package dev.asiarch.gpu.bench;

/**
 * A synthetic recall task that separates sequence mixers (Zoology, DeltaNet): a seeded, endless stream
 * of examples over token ids 0..255, where example {@code index} is a pure function of the task's
 * parameters, the seed and the index, so any training batch can be regenerated without RNG state.
 */
public sealed interface CapabilityTask permits AssociativeRecall, SelectiveCopying, InductionHeads {

    /** Short stable name for reports: "mqar", "selective-copying" or "induction". */
    String name();

    /** Sequence length T of every example. */
    int length();

    /** Example number {@code index} of the stream seeded by {@code seed}. */
    TaskExample example(long seed, long index);

    /** Accuracy at the scored positions of guessing uniformly among the possible answers. */
    double chance();
}
