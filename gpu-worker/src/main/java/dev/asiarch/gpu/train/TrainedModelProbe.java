package dev.asiarch.gpu.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.gpu.model.ByteLanguageModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * The referee's last word, on the trained model itself, in exactly the conditions its score was
 * measured in: held-out batches at the run's batch size and length, in inference mode. Each batch is
 * run again with every sequence's tokens after its own position t redrawn; the log-probabilities the
 * model gives at positions 0..t must not move by more than {@link #TOLERANCE_NATS}. Positions t are
 * drawn without repeats until every position has been one. Some batches are also run with every
 * sequence but the first redrawn, whose log-probabilities must not move either. So whatever a mixer
 * learned, or does only after many calls, or only at this batch size or length, a score that used
 * later tokens (or batch mates) cannot stand: a leak that moves no log-probability by more than the
 * tolerance cannot have lowered the loss by more than it.
 */
final class TrainedModelProbe {

    static final double TOLERANCE_NATS = 1e-3;
    /** One batch in this many is also checked for batch coupling. */
    static final int COUPLING_EVERY = 4;

    /** What was found, and in which category. */
    record Leak(FailureReason reason, String diagnostic) {
    }

    private TrainedModelProbe() {
    }

    static Optional<Leak> run(ByteLanguageModel model, NDManager manager, BatchSource heldOut, int count,
                              long seed, String what) {
        ParameterStore store = new ParameterStore(manager, false);
        Random random = new Random(seed * 0x2545F4914F6CDD1DL + 11);
        List<Integer> cuts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try (NDScope scope = new NDScope(); NDManager batchManager = manager.newSubManager()) {
                NDArray tokens = heldOut.batch(batchManager, i).get(0);
                int batch = (int) tokens.getShape().get(0);
                int time = (int) tokens.getShape().get(1);
                long[] original = tokens.toLongArray();
                float[] reference = logProbabilities(model, store, batchManager, original, batch, time);

                if (i % COUPLING_EVERY == 0 && batch > 1) {
                    long[] mates = original.clone();
                    for (int j = time; j < mates.length; j++) {
                        mates[j] = differentToken(mates[j], random);
                    }
                    float[] moved = logProbabilities(model, store, batchManager, mates, batch, time);
                    Optional<String> drift = firstDrift(reference, moved, 0, time * ByteLanguageModel.VOCABULARY);
                    if (drift.isPresent()) {
                        return Optional.of(new Leak(FailureReason.BATCH_COUPLED, String.format(Locale.ROOT,
                                "after training (%s), the log-probabilities of sequence 0 %s when the other %d "
                                        + "sequences of its held-out batch were replaced: the trained mixer mixes "
                                        + "across the batch axis", what, drift.get(), batch - 1)));
                    }
                }

                long[] changed = original.clone();
                int[] cut = new int[batch];
                for (int row = 0; row < batch; row++) {
                    if (cuts.isEmpty()) {
                        for (int t = 0; t < time - 1; t++) {
                            cuts.add(t);
                        }
                        Collections.shuffle(cuts, random);
                    }
                    cut[row] = cuts.remove(cuts.size() - 1);
                    for (int t = cut[row] + 1; t < time; t++) {
                        changed[row * time + t] = differentToken(changed[row * time + t], random);
                    }
                }
                float[] moved = logProbabilities(model, store, batchManager, changed, batch, time);
                int rowSize = time * ByteLanguageModel.VOCABULARY;
                for (int row = 0; row < batch; row++) {
                    Optional<String> drift = firstDrift(reference, moved, row * rowSize,
                            row * rowSize + (cut[row] + 1) * ByteLanguageModel.VOCABULARY);
                    if (drift.isPresent()) {
                        return Optional.of(new Leak(FailureReason.NON_CAUSAL, String.format(Locale.ROOT,
                                "after training (%s), the log-probabilities of sequence %d %s when only its tokens "
                                        + "after position %d were changed (held-out batch %d of %d sequences x %d "
                                        + "tokens): the trained model reads future tokens, so its loss is not a "
                                        + "measurement", what, row, drift.get(), cut[row], i, batch, time)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static float[] logProbabilities(ByteLanguageModel model, ParameterStore store, NDManager manager,
                                            long[] tokens, int batch, int time) {
        NDArray input = manager.create(tokens, new Shape(batch, time));
        return model.forward(store, new NDList(input), false).singletonOrThrow().logSoftmax(-1).toFloatArray();
    }

    private static long differentToken(long token, Random random) {
        return (token + 1 + random.nextInt(ByteLanguageModel.VOCABULARY - 1)) % ByteLanguageModel.VOCABULARY;
    }

    /** Where {@code moved} leaves {@code reference} by more than the tolerance, in words. */
    private static Optional<String> firstDrift(float[] reference, float[] moved, int from, int to) {
        for (int i = from; i < to; i++) {
            double by = Math.abs((double) moved[i] - reference[i]);
            if (!(by <= TOLERANCE_NATS)) {
                int position = (i - from) / ByteLanguageModel.VOCABULARY;
                return Optional.of(String.format(Locale.ROOT, "at position %d moved by %.4g nats (from %.4f to %.4f; "
                        + "tolerance %.0e)", position, by, reference[i], moved[i], TOLERANCE_NATS));
            }
        }
        return Optional.empty();
    }
}
