package dev.asiarch.gpu.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Next-token cross-entropy and accuracy over the positions a mask selects. */
final class Losses {

    private Losses() {
    }

    /** Mean cross-entropy (nats) of {@code logits[B, T, V]} against {@code targets[B, T]} where mask is 1. */
    static NDArray crossEntropy(NDArray logits, NDArray targets, NDArray mask) {
        int vocabulary = (int) logits.getShape().get(2);
        NDArray picked = logits.logSoftmax(-1).mul(targets.oneHot(vocabulary)).sum(new int[] {-1});
        return picked.neg().mul(mask).sum().div(mask.sum());
    }

    /** Share of masked positions where the most likely token is the target. */
    static double accuracy(NDArray logits, NDArray targets, NDArray mask) {
        NDArray hits = logits.argMax(-1).eq(targets).toType(DataType.FLOAT32, false).mul(mask);
        return hits.sum().getFloat() / mask.sum().getFloat();
    }
}
