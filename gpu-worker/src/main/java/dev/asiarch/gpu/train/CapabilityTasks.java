package dev.asiarch.gpu.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.asiarch.core.profile.CapabilityBenchmark;
import dev.asiarch.gpu.bench.AssociativeRecall;
import dev.asiarch.gpu.bench.CapabilityTask;
import dev.asiarch.gpu.bench.InductionHeads;
import dev.asiarch.gpu.bench.SelectiveCopying;
import dev.asiarch.gpu.bench.TaskBatch;

/** From a profile's benchmark settings to task generators, and from generated examples to training batches. */
public final class CapabilityTasks {

    private CapabilityTasks() {
    }

    public static CapabilityTask of(CapabilityBenchmark benchmark) {
        return switch (benchmark.task()) {
            case "mqar" -> new AssociativeRecall(benchmark.length(), benchmark.items(), benchmark.vocabulary(),
                    benchmark.vocabulary(), benchmark.items());
            case "mqar-updates" -> new AssociativeRecall(benchmark.length(), benchmark.items(), benchmark.vocabulary(),
                    benchmark.vocabulary(), benchmark.items(), benchmark.items());
            case "selective-copying" -> new SelectiveCopying(benchmark.length(), benchmark.items(),
                    benchmark.vocabulary());
            case "induction" -> new InductionHeads(benchmark.length(), benchmark.vocabulary());
            default -> throw new IllegalArgumentException("capability task '" + benchmark.task() + "' is unknown");
        };
    }

    /** Examples {@code firstIndex ..} of the seeded stream as {@code [inputs, targets, mask]}. */
    static NDList batch(NDManager manager, CapabilityTask task, long seed, long firstIndex, int batchSize) {
        TaskBatch batch = TaskBatch.of(task, seed, firstIndex, batchSize);
        Shape shape = new Shape(batchSize, task.length());
        return new NDList(manager.create(batch.inputs(), shape), manager.create(batch.targets(), shape),
                manager.create(batch.mask(), shape));
    }
}
