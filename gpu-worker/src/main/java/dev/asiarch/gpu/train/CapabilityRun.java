package dev.asiarch.gpu.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.asiarch.core.profile.CapabilityBenchmark;
import dev.asiarch.gpu.bench.CapabilityTask;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.gpu.model.ByteLanguageModel;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A learned capability benchmark, as in the Zoology benchmark: a fresh model of the given width and the
 * benchmark's depth, built around the mixer, trained on the synthetic task, then scored by accuracy at
 * the graded positions of held-out examples.
 */
public final class CapabilityRun {

    private CapabilityRun() {
    }

    /** The held-out accuracy, or the leak the trained model showed (then the accuracy means nothing). */
    public record Result(double accuracy, Optional<TrainedModelProbe.Leak> leak) {
    }

    /** Trains a fresh one-task model on the benchmark and returns its held-out accuracy. */
    public static double accuracy(MixerFactory mixers, int dim, CapabilityBenchmark benchmark, long seed,
                                  PrintWriter log) {
        return run(mixers, dim, benchmark, seed, log).accuracy();
    }

    /** Trains a fresh one-task model on the benchmark, measures it, and probes the trained model for leaks. */
    public static Result run(MixerFactory mixers, int dim, CapabilityBenchmark benchmark, long seed, PrintWriter log) {
        return run(mixers, dim, benchmark, seed, log, () -> false);
    }

    /** As {@link #run(MixerFactory, int, CapabilityBenchmark, long, PrintWriter)}, stopping at a step when told. */
    static Result run(MixerFactory mixers, int dim, CapabilityBenchmark benchmark, long seed, PrintWriter log,
                      BooleanSupplier cancelled) {
        CapabilityTask task = CapabilityTasks.of(benchmark);
        long taskSeed = seed * 1_000_003L + benchmark.label().hashCode();
        long started = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager()) {
            ByteLanguageModel model = ScreeningRun.initialised(() -> new ByteLanguageModel(dim, benchmark.layers(), mixers),
                    manager, taskSeed, new Shape(benchmark.batchSize(), task.length()));
            int steps = benchmark.steps();
            TrainingLoop loop = new TrainingLoop(model, manager,
                    new WarmupStableDecay(benchmark.learningRate(), steps / 10, steps / 5, steps),
                    (m, step) -> CapabilityTasks.batch(m, task, taskSeed, (long) step * benchmark.batchSize(),
                            benchmark.batchSize()));
            double lastLoss = Double.NaN;
            for (int step = 0; step < steps; step++) {
                if (cancelled.getAsBoolean()) {
                    throw new Lanes.Cancelled();
                }
                lastLoss = loop.step(step);
                if (!Double.isFinite(lastLoss)) {
                    log.printf(Locale.ROOT, "%s: loss became %s at step %d; scored as 0%n", benchmark.label(),
                            lastLoss, step);
                    return new Result(0.0, Optional.empty());
                }
            }
            // Held-out examples come from indices far beyond any training step's.
            long heldOutStart = 1L << 40;
            BatchSource heldOut = (m, i) -> CapabilityTasks.batch(m, task, taskSeed,
                    heldOutStart + (long) i * benchmark.batchSize(), benchmark.batchSize());
            double accuracy = loop.evaluate(heldOut, benchmark.evalBatches())[1];
            log.printf(Locale.ROOT, "%s: accuracy %.3f (chance %.3f), final training loss %.4f, %.1f s%n",
                    benchmark.label(), accuracy, task.chance(), lastLoss, (System.nanoTime() - started) / 1e9);
            log.flush();
            Optional<TrainedModelProbe.Leak> leak = TrainedModelProbe.run(model, manager, heldOut,
                    benchmark.evalBatches(), taskSeed, String.format(Locale.ROOT, "%s, accuracy %.3f",
                            benchmark.label(), accuracy));
            leak.ifPresent(found -> log.println("failed: " + found.diagnostic()));
            return new Result(accuracy, leak);
        }
    }

}
