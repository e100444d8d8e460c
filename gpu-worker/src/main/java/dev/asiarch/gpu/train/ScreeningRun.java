package dev.asiarch.gpu.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.profile.CapabilityBenchmark;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.gpu.data.ByteBatches;
import dev.asiarch.gpu.data.TextSplit;
import dev.asiarch.gpu.model.ByteLanguageModel;
import dev.asiarch.gpu.model.HeldWeights;
import dev.asiarch.workflows.activities.ScreeningReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One screening run: the byte-level language model around the candidate mixer, trained on the
 * profile's text (AdamW, warm-up/stable/decay, global-norm clipping) and measured on held-out text;
 * then, for each capability benchmark, a fresh small model with the same mixer trained on the task
 * and measured by accuracy. Each trained model must pass {@link TrainedModelProbe} on the data it was
 * measured on, or the run fails as a leak, whatever its score. Text training checkpoints every {@code checkpointEvery} steps and resumes
 * from a checkpoint to the same losses.
 */
public final class ScreeningRun {

    /** A loss above twice that of uniform guessing over 256 bytes means the run has blown up. */
    static final double EXPLODED_LOSS = 2 * Math.log(ByteLanguageModel.VOCABULARY);
    /** After warm-up, a loss this many times the best so far is a spike. */
    static final double SPIKE_FACTOR = 3.0;
    /** A few steps with a non-finite gradient are skipped; more than this many mean the run is broken. */
    static final int MAX_SKIPPED_STEPS = 5;

    private static final Object INITIALISATION = new Object();

    private final ScreeningProfile profile;
    private final TextSplit text;
    private final int lanes;

    public ScreeningRun(ScreeningProfile profile, TextSplit text) {
        this(profile, text, 1);
    }

    /**
     * A run whose parts (text training and each capability task) go on {@code lanes} threads at once;
     * one lane runs them one after another. Each part is seeded on its own, so the lanes change how long
     * a run takes, not what it measures; the text's tokens per second are then measured beside the tasks.
     */
    public ScreeningRun(ScreeningProfile profile, TextSplit text, int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("a screening run needs at least one lane, was " + lanes);
        }
        this.profile = profile;
        this.text = text;
        this.lanes = lanes;
    }

    public ScreeningReport train(MixerFactory mixers, long seed, TrainingProgress progress, PrintWriter log) {
        return train(mixers, seed, progress, log, Checkpointing.none());
    }

    public ScreeningReport train(MixerFactory mixers, long seed, TrainingProgress progress, PrintWriter log,
                                 Checkpointing checkpointing) {
        List<Lanes.Part<Part>> parts = new ArrayList<>();
        parts.add(cancelled -> new Part(trainOnText(mixers, seed, progress, log, checkpointing, cancelled), null));
        for (CapabilityBenchmark benchmark : profile.benchmarks()) {
            parts.add(cancelled -> new Part(null,
                    CapabilityRun.run(mixers, profile.dim(), benchmark, seed, log, cancelled)));
        }
        // PyTorch records gradients by default on a new thread; the engine turned that off only on the
        // thread that started it, and the parts record only where they ask to.
        List<Part> outcomes = Lanes.run(lanes, parts, Part::failed, () -> JniUtils.setGradMode(false));
        TextOutcome textOutcome = outcomes.get(0).text();
        if (textOutcome.failure != null) {
            return textOutcome.failure;
        }
        Map<String, Double> benchmarks = new LinkedHashMap<>();
        for (int i = 0; i < profile.benchmarks().size(); i++) {
            CapabilityRun.Result result = outcomes.get(i + 1).benchmark();
            if (result.leak().isPresent()) {
                return ScreeningReport.failed(result.leak().get().reason(), result.leak().get().diagnostic());
            }
            benchmarks.put(profile.benchmarks().get(i).label(), result.accuracy());
        }
        Checkpoint.Progress p = textOutcome.progress;
        TrainingMetrics metrics = new TrainingMetrics(p.validationLoss, p.finalTrainLoss, p.curve,
                curveEvery(), profile.trainingTokens() / p.trainSeconds, textOutcome.parameters, p.trainSeconds,
                benchmarks);
        log.printf(Locale.ROOT, "validation loss %.4f, %.0f tokens/s, %.1f s, benchmarks %s%n",
                p.validationLoss, metrics.tokensPerSecond(), p.trainSeconds, benchmarks);
        log.flush();
        return ScreeningReport.trained(metrics);
    }

    /** What one part of the run came to: the text training's outcome, or one capability task's. */
    private record Part(TextOutcome text, CapabilityRun.Result benchmark) {
        boolean failed() {
            return text != null ? text.failure != null : benchmark.leak().isPresent();
        }
    }

    private record TextOutcome(Checkpoint.Progress progress, long parameters, ScreeningReport failure) {
    }

    private TextOutcome trainOnText(MixerFactory mixers, long seed, TrainingProgress progress, PrintWriter log,
                                    Checkpointing checkpointing, BooleanSupplier cancelled) {
        int steps = profile.steps();
        int curveEvery = curveEvery();
        int tailStart = steps - Math.max(1, steps / 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            ByteLanguageModel model = initialised(() -> new ByteLanguageModel(profile, mixers), manager, seed,
                    new Shape(profile.batchSize(), profile.context()));
            long parameters = HeldWeights.of(model).total();
            ByteBatches train = new ByteBatches(text.train(), profile.batchSize(), profile.context());
            ByteBatches validation = new ByteBatches(text.validation(), profile.batchSize(), profile.context());
            long dataSeed = profile.dataSeed() ^ seed;
            TrainingLoop loop = new TrainingLoop(model, manager,
                    new WarmupStableDecay(profile.learningRate(), profile.warmupSteps(), profile.decaySteps(), steps),
                    (m, step) -> train.random(m, dataSeed, step));

            BatchSource heldOut = (m, i) -> validation.fixed(m, i, profile.evalBatches());
            Checkpoint.Progress state = resume(checkpointing, loop, log);
            if (state.done) {
                return probed(model, manager, heldOut, seed, state, parameters, log);
            }
            log.printf(Locale.ROOT, "profile %s, %d parameters, %d steps of %d x %d bytes, seed %d, from step %d%n",
                    profile.name(), parameters, steps, profile.batchSize(), profile.context(), seed, state.nextStep);
            long started = System.nanoTime();
            double secondsBefore = state.trainSeconds;
            for (int step = state.nextStep; step < steps; step++) {
                if (cancelled.getAsBoolean()) {
                    throw new Lanes.Cancelled();
                }
                double loss = loop.step(step);
                String divergence = loop.skippedSteps() > MAX_SKIPPED_STEPS
                        ? "gradients were NaN or infinite at " + loop.skippedSteps() + " steps (by step " + step + ")"
                        : divergence(loss, step, state.bestLoss);
                if (divergence != null) {
                    log.println(divergence);
                    return new TextOutcome(state, parameters, ScreeningReport.failed(FailureReason.DIVERGED, divergence));
                }
                if (step >= profile.warmupSteps()) {
                    state.bestLoss = Math.min(state.bestLoss, loss);
                }
                state.windowSum += loss;
                if (step >= tailStart) {
                    state.tailSum += loss;
                }
                if ((step + 1) % curveEvery == 0) {
                    double mean = state.windowSum / curveEvery;
                    state.curve.add(mean);
                    state.windowSum = 0;
                    log.printf(Locale.ROOT, "step %d/%d loss %.4f%n", step + 1, steps, mean);
                    log.flush();
                    progress.point(step + 1, steps, mean);
                }
                state.nextStep = step + 1;
                state.trainSeconds = secondsBefore + (System.nanoTime() - started) / 1e9;
                if (state.nextStep % profile.checkpointEvery() == 0 && state.nextStep < steps) {
                    save(checkpointing, state, loop);
                }
            }
            if (loop.skippedSteps() > 0) {
                log.printf(Locale.ROOT, "skipped %d steps whose gradient was not finite%n", loop.skippedSteps());
            }
            double[] held = loop.evaluate(heldOut, profile.evalBatches());
            if (!Double.isFinite(held[0])) {
                return new TextOutcome(state, parameters,
                        ScreeningReport.failed(FailureReason.NON_FINITE, "validation loss was " + held[0]));
            }
            state.validationLoss = held[0];
            state.finalTrainLoss = state.tailSum / (steps - tailStart);
            state.done = true;
            save(checkpointing, state, loop);
            return probed(model, manager, heldOut, seed, state, parameters, log);
        }
    }

    /** The outcome of text training once the trained model has passed {@link TrainedModelProbe}. */
    private TextOutcome probed(ByteLanguageModel model, NDManager manager, BatchSource heldOut, long seed,
                               Checkpoint.Progress state, long parameters, PrintWriter log) {
        Optional<TrainedModelProbe.Leak> leak = TrainedModelProbe.run(model, manager, heldOut, profile.evalBatches(),
                seed, "text, validation loss " + String.format(Locale.ROOT, "%.4f", state.validationLoss));
        if (leak.isPresent()) {
            log.println("failed: " + leak.get().diagnostic());
            return new TextOutcome(state, parameters,
                    ScreeningReport.failed(leak.get().reason(), leak.get().diagnostic()));
        }
        return new TextOutcome(state, parameters, null);
    }

    /**
     * A model built and given its initial weights from {@code seed}. The engine's random generator is one
     * for the whole process, so models are built one at a time however many lanes train them; candidate
     * constructors run here too, never two at once.
     */
    static ByteLanguageModel initialised(Supplier<ByteLanguageModel> build, NDManager manager, long seed, Shape input) {
        synchronized (INITIALISATION) {
            ByteLanguageModel model = build.get();
            Engine.getInstance().setRandomSeed(Long.hashCode(seed));
            model.initialize(manager, DataType.FLOAT32, input);
            return model;
        }
    }

    private Checkpoint.Progress resume(Checkpointing checkpointing, TrainingLoop loop, PrintWriter log) {
        if (checkpointing.file().isEmpty() || !Files.exists(checkpointing.file().get())) {
            return new Checkpoint.Progress();
        }
        try {
            Checkpoint.Progress progress = Checkpoint.read(checkpointing.file().get(), loop.optimizer());
            log.printf(Locale.ROOT, "resumed from checkpoint at step %d%s%n", progress.nextStep,
                    progress.done ? " (text training done)" : "");
            return progress;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume from " + checkpointing.file().get(), e);
        }
    }

    private static void save(Checkpointing checkpointing, Checkpoint.Progress state, TrainingLoop loop) {
        if (checkpointing.file().isEmpty()) {
            return;
        }
        Path file = checkpointing.file().get();
        try {
            Checkpoint.write(file, state, loop.optimizer());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
        checkpointing.listener().written(state.nextStep);
        if (checkpointing.stopAfter().isPresent() && state.nextStep >= checkpointing.stopAfter().getAsInt()) {
            throw new Checkpointing.Stopped(state.nextStep);
        }
    }

    private String divergence(double loss, int step, double bestLoss) {
        if (!Double.isFinite(loss) || loss > EXPLODED_LOSS) {
            return "training loss was " + loss + " at step " + step + " of " + profile.steps();
        }
        if (step > profile.warmupSteps() && loss > SPIKE_FACTOR * bestLoss) {
            return String.format(Locale.ROOT, "training loss spiked to %.4f at step %d, %.1f times the best so far"
                    + " (%.4f)", loss, step, loss / bestLoss, bestLoss);
        }
        return null;
    }

    private int curveEvery() {
        return Math.max(1, profile.steps() / 30);
    }
}
