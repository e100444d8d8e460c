package dev.asiarch.gpu.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.gpu.data.ByteBatches;
import dev.asiarch.gpu.data.TextSplit;
import dev.asiarch.gpu.model.ByteLanguageModel;
import dev.asiarch.workflows.activities.ScreeningReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * One screening run: the byte-level language model around the candidate mixer, trained with AdamW
 * (warm-up, cosine decay, gradient clipping) on the profile's text, then measured on held-out text.
 * Every step's arrays are scoped so native memory stays flat.
 */
public final class ScreeningRun {

    /** A loss above twice that of uniform guessing over 256 bytes means the run has blown up. */
    static final double EXPLODED_LOSS = 2 * Math.log(ByteLanguageModel.VOCABULARY);

    private final ScreeningProfile profile;
    private final TextSplit text;

    public ScreeningRun(ScreeningProfile profile, TextSplit text) {
        this.profile = profile;
        this.text = text;
    }

    public ScreeningReport train(MixerFactory mixers, long seed, TrainingProgress progress, PrintWriter log) {
        Engine.getInstance().setRandomSeed(Long.hashCode(seed));
        ByteLanguageModel model = new ByteLanguageModel(profile, mixers);
        int steps = profile.steps();
        int curveEvery = Math.max(1, steps / 30);
        Optimizer optimizer = Optimizer.adamW()
                .optLearningRateTracker(new WarmupCosine(profile.learningRate(), profile.warmupSteps(), steps))
                .optWeightDecays(0.01f)
                .optClipGrad(1.0f)
                .build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(optimizer);

        try (Model container = Model.newInstance("candidate");
             Trainer trainer = newTrainer(container, model, config)) {
            long parameters = model.parameterCount();
            log.printf(Locale.ROOT, "profile %s, %d parameters, %d steps of %d x %d bytes, seed %d%n",
                    profile.name(), parameters, steps, profile.batchSize(), profile.context(), seed);
            ByteBatches train = new ByteBatches(text.train(), profile.batchSize(), profile.context());
            Random order = new Random(profile.dataSeed() ^ seed);
            List<Double> curve = new ArrayList<>();
            double windowSum = 0;
            double tailSum = 0;
            int tailStart = steps - Math.max(1, steps / 10);
            long started = System.nanoTime();
            for (int step = 0; step < steps; step++) {
                double loss = step(trainer, train, order);
                if (!Double.isFinite(loss) || loss > EXPLODED_LOSS) {
                    String why = "training loss was " + loss + " at step " + step + " of " + steps;
                    log.println(why);
                    return ScreeningReport.failed(FailureReason.DIVERGED, why);
                }
                windowSum += loss;
                if (step >= tailStart) {
                    tailSum += loss;
                }
                if ((step + 1) % curveEvery == 0) {
                    double mean = windowSum / curveEvery;
                    curve.add(mean);
                    windowSum = 0;
                    log.printf(Locale.ROOT, "step %d/%d loss %.4f%n", step + 1, steps, mean);
                    log.flush();
                    progress.point(step + 1, steps, mean);
                }
            }
            double trainSeconds = (System.nanoTime() - started) / 1e9;
            double validationLoss = validationLoss(trainer, model);
            if (!Double.isFinite(validationLoss)) {
                return ScreeningReport.failed(FailureReason.NON_FINITE, "validation loss was " + validationLoss);
            }
            TrainingMetrics metrics = new TrainingMetrics(validationLoss, tailSum / (steps - tailStart), curve,
                    curveEvery, profile.trainingTokens() / trainSeconds, parameters, trainSeconds);
            log.printf(Locale.ROOT, "validation loss %.4f, %.0f tokens/s, %.1f s%n", validationLoss,
                    metrics.tokensPerSecond(), trainSeconds);
            log.flush();
            return ScreeningReport.trained(metrics);
        }
    }

    private Trainer newTrainer(Model container, ByteLanguageModel model, DefaultTrainingConfig config) {
        container.setBlock(model);
        Trainer trainer = container.newTrainer(config);
        trainer.initialize(new Shape(profile.batchSize(), profile.context()));
        return trainer;
    }

    private static double step(Trainer trainer, ByteBatches batches, Random order) {
        double loss;
        try (NDManager batchManager = trainer.getManager().newSubManager();
             NDScope scope = new NDScope()) {
            NDList batch = batches.random(batchManager, order);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray value = crossEntropy(trainer, trainer.forward(new NDList(batch.get(0))).singletonOrThrow(),
                        batch.get(1));
                loss = value.getFloat();
                collector.backward(value);
            }
        }
        // The optimiser's state lives across steps, so it is updated outside the step's scope.
        trainer.step();
        return loss;
    }

    private double validationLoss(Trainer trainer, ByteLanguageModel model) {
        ByteBatches validation = new ByteBatches(text.validation(), profile.batchSize(), profile.context());
        double sum = 0;
        for (int i = 0; i < profile.evalBatches(); i++) {
            try (NDManager batchManager = trainer.getManager().newSubManager();
                 NDScope scope = new NDScope()) {
                NDList batch = validation.fixed(batchManager, i, profile.evalBatches());
                NDArray logits = model.forward(new ParameterStore(batchManager, false), new NDList(batch.get(0)),
                        false).singletonOrThrow();
                sum += crossEntropy(trainer, logits, batch.get(1)).getFloat();
            }
        }
        return sum / profile.evalBatches();
    }

    private static NDArray crossEntropy(Trainer trainer, NDArray logits, NDArray labels) {
        return trainer.getLoss().evaluate(new NDList(labels.reshape(-1)),
                new NDList(logits.reshape(-1, ByteLanguageModel.VOCABULARY)));
    }
}
