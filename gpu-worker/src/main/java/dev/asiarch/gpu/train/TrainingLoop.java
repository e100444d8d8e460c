package dev.asiarch.gpu.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.asiarch.gpu.model.ByteLanguageModel;
import java.util.List;

/**
 * Optimisation steps of one model: forward, masked cross-entropy, backward, global-norm clipping,
 * AdamW. Each step's arrays live in a scope of their own, so native memory stays flat however long
 * the run.
 */
final class TrainingLoop {

    static final float CLIP_NORM = 1.0f;
    static final float WEIGHT_DECAY = 0.1f;

    private final ByteLanguageModel model;
    private final NDManager manager;
    private final ParameterStore store;
    private final AdamW optimizer;
    private final WarmupStableDecay schedule;
    private final BatchSource batches;
    private int skippedSteps;
    private boolean taped = true;

    TrainingLoop(ByteLanguageModel model, NDManager manager, WarmupStableDecay schedule, BatchSource batches) {
        this.model = model;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
        this.schedule = schedule;
        this.batches = batches;
        List<Parameter> parameters = List.copyOf(model.getParameters().values());
        parameters.forEach(parameter -> parameter.getArray().setRequiresGradient(true));
        this.optimizer = new AdamW(parameters, manager, WEIGHT_DECAY);
    }

    /** Steps whose non-finite gradient was discarded. */
    int skippedSteps() {
        return skippedSteps;
    }

    AdamW optimizer() {
        return optimizer;
    }

    /**
     * Runs step {@code step} (0-based) and returns its training loss. A step whose gradient is NaN or
     * infinite changes no weight (its gradients are cleared) and is counted in {@link #skippedSteps()}.
     */
    double step(int step) {
        try (NDManager batchManager = manager.newSubManager(); NDScope scope = new NDScope()) {
            NDList batch = batches.batch(batchManager, step);
            double loss;
            try (Recording recording = new Recording(batchManager.getDevice(), taped)) {
                NDArray logits = model.forward(store, new NDList(batch.get(0)), true).singletonOrThrow();
                NDArray value = Losses.crossEntropy(logits, batch.get(1), batch.get(2));
                loss = value.getFloat();
                recording.backward(value);
                // A mixer that never reaches the fused kernels trains in one backward pass from now on.
                taped = recording.fused();
            }
            double norm = optimizer.gradientNorm();
            if (!Double.isFinite(norm)) {
                optimizer.clearGradients();
                skippedSteps++;
                return loss;
            }
            float scale = norm > CLIP_NORM ? (float) (CLIP_NORM / norm) : 1f;
            optimizer.update(schedule.at(step), step + 1, scale);
            return loss;
        }
    }

    /** Mean loss and accuracy over {@code count} held-out batches, without gradients. */
    double[] evaluate(BatchSource heldOut, int count) {
        double loss = 0;
        double accuracy = 0;
        for (int i = 0; i < count; i++) {
            try (NDManager batchManager = manager.newSubManager(); NDScope scope = new NDScope()) {
                NDList batch = heldOut.batch(batchManager, i);
                NDArray logits = model.forward(store, new NDList(batch.get(0)), false).singletonOrThrow();
                loss += Losses.crossEntropy(logits, batch.get(1), batch.get(2)).getFloat();
                accuracy += Losses.accuracy(logits, batch.get(1), batch.get(2));
            }
        }
        return new double[] {loss / count, accuracy / count};
    }
}
