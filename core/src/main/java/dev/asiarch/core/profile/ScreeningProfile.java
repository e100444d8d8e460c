package dev.asiarch.core.profile;

import java.time.Duration;
import java.util.List;

/**
 * Everything that makes two screening runs comparable: the language model around the mixer, the
 * data, the optimisation schedule and the limits a run must stay within.
 *
 * @param dim            hidden width given to every mixer
 * @param layers         number of blocks (norm, mixer, residual, norm, MLP, residual)
 * @param context        tokens (bytes) per training sequence
 * @param batchSize      sequences per optimiser step
 * @param steps          optimiser steps
 * @param learningRate   peak AdamW learning rate
 * @param warmupSteps    linear warm-up to the peak learning rate
 * @param decaySteps     final steps over which the rate decays linearly to a tenth (warm-up, stable, decay)
 * @param evalBatches    held-out batches averaged into the validation loss
 * @param corpusBytes    bytes of the text corpus read (train and validation together)
 * @param validationFraction share of the corpus's lines held out for validation
 * @param dataSeed       fixes the train/validation split and the batch order
 * @param maxParameters  parameter budget of the whole language model
 * @param checkpointEvery steps between checkpoints of a training run
 * @param benchmarks     the learned capability benchmarks whose mean accuracy is the benchmark term
 * @param checkTimeout   wall-clock limit of compiling and checking a candidate
 * @param trainTimeout   wall-clock limit of one training run
 */
public record ScreeningProfile(
        String name,
        int dim,
        int layers,
        int context,
        int batchSize,
        int steps,
        double learningRate,
        int warmupSteps,
        int decaySteps,
        int evalBatches,
        long corpusBytes,
        double validationFraction,
        long dataSeed,
        long maxParameters,
        int checkpointEvery,
        List<CapabilityBenchmark> benchmarks,
        Duration checkTimeout,
        Duration trainTimeout) {

    public ScreeningProfile {
        require(dim > 0 && dim % 4 == 0, name, "dim must be a positive multiple of 4, was " + dim);
        require(layers > 0, name, "layers must be positive, was " + layers);
        require(context >= 8, name, "context must be at least 8, was " + context);
        require(batchSize > 0, name, "batchSize must be positive, was " + batchSize);
        require(steps > 0, name, "steps must be positive, was " + steps);
        require(warmupSteps >= 0 && warmupSteps < steps, name,
                "warmupSteps must be in [0, steps), was " + warmupSteps);
        require(decaySteps >= 0 && warmupSteps + decaySteps <= steps, name,
                "decaySteps must be in [0, steps - warmupSteps], was " + decaySteps);
        require(checkpointEvery > 0, name, "checkpointEvery must be positive, was " + checkpointEvery);
        benchmarks = List.copyOf(benchmarks);
        require(learningRate > 0 && learningRate < 1, name, "learningRate must be in (0, 1), was " + learningRate);
        require(evalBatches > 0, name, "evalBatches must be positive, was " + evalBatches);
        require(validationFraction > 0 && validationFraction < 0.5, name,
                "validationFraction must be in (0, 0.5), was " + validationFraction);
        require(corpusBytes >= 100L * context, name, "corpusBytes is too small for the context");
    }

    /**
     * How long a worker screening on this profile may go without a heartbeat before Temporal presumes it
     * dead and retries the activity elsewhere (from the last checkpoint). Workers heartbeat every few
     * hundred milliseconds, except while they upload a checkpoint, which takes longer the larger the model.
     */
    public Duration heartbeatTimeout() {
        if (maxParameters <= 1_000_000L) {
            return Duration.ofSeconds(10);
        }
        return maxParameters <= 20_000_000L ? Duration.ofSeconds(30) : Duration.ofMinutes(2);
    }

    /** Tokens one training run consumes. */
    public long trainingTokens() {
        return (long) steps * batchSize * context;
    }

    private static void require(boolean condition, String name, String message) {
        if (!condition) {
            throw new IllegalArgumentException("screening profile '" + name + "': " + message);
        }
    }
}
