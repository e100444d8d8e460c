package dev.asiarch.gpu.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * The batch of a training step, {@code [inputs, targets, mask]} with inputs and targets
 * {@code [batch, time]} int64 and mask {@code [batch, time]} float (1 where the loss counts). A pure
 * function of the step, so a resumed run sees exactly the batches an uninterrupted one would.
 */
@FunctionalInterface
interface BatchSource {

    NDList batch(NDManager manager, int step);
}
