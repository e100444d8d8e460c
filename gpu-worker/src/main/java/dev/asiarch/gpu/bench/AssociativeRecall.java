package dev.asiarch.gpu.bench;

import java.util.SplittableRandom;

/**
 * Multi-query associative recall in the Zoology layout: {@code pairs} key-value pairs up front, then
 * filler in which {@code queries} of the keys reappear; at each query key the model must predict its
 * value, which is the next input (teacher forcing). Keys are distinct token ids 1..keyVocabulary, values
 * are drawn with repetition from the {@code valueVocabulary} ids after them, 0 is filler.
 *
 * <p>With {@code updates > 0}, that many of the keys are bound again to a new value right after the
 * pairs, and a query asks for the latest value: a memory must overwrite, not only accumulate.
 */
public record AssociativeRecall(int length, int pairs, int keyVocabulary, int valueVocabulary, int queries,
                                int updates)
        implements CapabilityTask {

    public static final int FILLER = 0;

    public AssociativeRecall {
        Parameters.requireBetween("keyVocabulary", keyVocabulary, 1, 254, "keys and values share token ids 1..255");
        Parameters.requireBetween("valueVocabulary", valueVocabulary, 1, 255 - keyVocabulary,
                "values follow the " + keyVocabulary + " keys among token ids 1..255");
        Parameters.requireBetween("pairs", pairs, 1, keyVocabulary, "keys are distinct, drawn from keyVocabulary");
        Parameters.requireBetween("queries", queries, 1, pairs, "each query asks a different pair");
        Parameters.requireBetween("updates", updates, 0, pairs, "each update re-binds a different key");
        Parameters.requireAtLeast("valueVocabulary", valueVocabulary, updates > 0 ? 2 : 1,
                "an update needs a value different from the old one");
        Parameters.requireAtLeast("length", length, 2 * pairs + 2 * updates + 2 * queries,
                "2 * pairs + 2 * updates + 2 * queries: the pairs, the updates, then each query followed by its "
                        + "answer");
    }

    /** Plain multi-query associative recall, without updates. */
    public AssociativeRecall(int length, int pairs, int keyVocabulary, int valueVocabulary, int queries) {
        this(length, pairs, keyVocabulary, valueVocabulary, queries, 0);
    }

    @Override
    public String name() {
        return updates > 0 ? "mqar-updates" : "mqar";
    }

    @Override
    public double chance() {
        return 1.0 / valueVocabulary;
    }

    @Override
    public TaskExample example(long seed, long index) {
        SplittableRandom random = Draws.forExample(seed, index);
        int[] inputs = new int[length];
        int[] targets = new int[length];
        boolean[] scored = new boolean[length];
        int[] keys = Draws.distinct(random, keyVocabulary, pairs);
        int[] values = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            keys[i] += 1;
            values[i] = keyVocabulary + 1 + random.nextInt(valueVocabulary);
            inputs[2 * i] = keys[i];
            inputs[2 * i + 1] = values[i];
        }
        int[] updated = Draws.distinct(random, pairs, updates);
        for (int u = 0; u < updates; u++) {
            int pair = updated[u];
            int fresh = keyVocabulary + 1 + random.nextInt(valueVocabulary - 1);
            values[pair] = fresh >= values[pair] ? fresh + 1 : fresh; // any value but the old one
            inputs[2 * pairs + 2 * u] = keys[pair];
            inputs[2 * pairs + 2 * u + 1] = values[pair];
        }
        int tail = 2 * pairs + 2 * updates;
        // Each query takes two slots (key, then its value). Ranking the queries among the
        // length - tail - queries items of the tail keeps every answer slot free of other queries.
        int[] ranks = Draws.sortedDistinct(random, length - tail - queries, queries);
        int[] asked = Draws.distinct(random, pairs, queries);
        for (int i = 0; i < queries; i++) {
            int at = tail + ranks[i] + i;
            inputs[at] = keys[asked[i]];
            inputs[at + 1] = values[asked[i]];
            targets[at] = values[asked[i]];
            scored[at] = true;
        }
        return new TaskExample(inputs, targets, scored);
    }
}
