package dev.asiarch.gpu.checks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.gpu.model.ByteLanguageModel;
import dev.asiarch.gpu.model.HeldWeights;
import dev.asiarch.kernels.TokenMixer;
import dev.asiarch.workflows.activities.CheckReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The mechanical checks a candidate passes before any training, in the conditions training uses
 * ({@link CheckConditions}): interface, shape and finite outputs and gradients at every length and
 * batch size; batch independence; causality forward, by input gradient and by parameter gradient; all
 * of it at the initial weights, then at the profile's context after the weights are moved by noise at
 * two scales and after a few steps of training that rewards reading ahead; the profile's budget,
 * counted from the numbers the model holds; and complexity in sequence length. The first failure ends
 * the run with a diagnostic that names what failed, where and under which weights.
 */
public final class MixerChecks {

    static final String INITIAL = "at initial weights";
    static final double[] NOISE_SCALES = {0.2, 1.0};

    private MixerChecks() {
    }

    /** Runs every check; a quadratic reference (softmax attention) is exempt from the complexity bound. */
    public static CheckReport run(MixerFactory factory, ScreeningProfile profile, long seed, boolean quadraticReference) {
        CheckConditions conditions = CheckConditions.of(profile);
        int dim = profile.dim();
        Engine.getInstance().setRandomSeed(Long.hashCode(seed));
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + 17);
        try (NDManager manager = NDManager.newBaseManager()) {
            TokenMixer mixer = factory.create(dim);
            mixer.initialize(manager, DataType.FLOAT32, new Shape(profile.batchSize(), profile.context(), dim));
            Probe probe = new Probe(mixer, manager);
            List<CausalityCheck> causality = new ArrayList<>();
            for (int length : conditions.lengths()) {
                causality.add(CausalityCheck.at(length, seed));
            }

            Optional<CheckReport.Failed> failure = Optional.empty();
            for (int i = 0; i < conditions.lengths().size() && failure.isEmpty(); i++) {
                failure = atOneLength(probe, conditions, conditions.lengths().get(i), causality.get(i), dim, INITIAL,
                        conditions.batches(), random);
            }
            WeightStates states = new WeightStates(probe);
            List<Supplier<String>> perturbations = new ArrayList<>();
            for (double scale : NOISE_SCALES) {
                perturbations.add(() -> states.noised(scale, random));
            }
            perturbations.add(() -> states.trainedToCheat(4, conditions.context(), dim, random));
            for (Supplier<String> perturbation : perturbations) {
                if (failure.isPresent()) {
                    break;
                }
                String weights = perturbation.get();
                for (int length : conditions.perturbedLengths()) {
                    CausalityCheck check = causality.get(conditions.lengths().indexOf(length));
                    failure = failure.or(() -> atOneLength(probe, conditions, length, check, dim, weights,
                            conditions.perturbedBatches(), random));
                }
                // Moved weights may overflow what the initial ones kept finite; such a state shows nothing
                // either way (training, if it goes there, fails as diverged), so the next one is tried.
                if (failure.filter(report -> report.failure() == FailureReason.NON_FINITE).isPresent()) {
                    failure = Optional.empty();
                }
            }
            states.restore();
            if (failure.isPresent()) {
                return failure.get();
            }

            // The budget first: it is cheap, and an oversized model would only slow the complexity check.
            CheckReport budget = budget(factory, profile, manager);
            if (!(budget instanceof CheckReport.Passed withinBudget)) {
                return budget;
            }
            ComplexityCheck.Result complexity = ComplexityCheck.measure(probe, dim, random, !quadraticReference);
            Optional<String> excess = complexity.excess();
            if (!quadraticReference && excess.isPresent()) {
                return CheckReport.fail(FailureReason.SUPER_LINEAR, "the mixer does more than linear work in sequence "
                        + "length: " + excess.get() + "; use a chunked or recurrent form");
            }
            return CheckReport.pass(withinBudget.parameters(), complexity.describe());
        }
    }

    private static Optional<CheckReport.Failed> atOneLength(Probe probe, CheckConditions conditions, int length,
                                                     CausalityCheck causality, int dim, String weights,
                                                     List<Integer> batches, Random random) {
        try {
            Optional<CheckReport.Failed> failure = BatchIndependenceCheck.mates(probe, conditions.profileBatch(), length, dim,
                    weights, random);
            for (int batch : batches) {
                failure = failure.or(() -> causality.forward(probe, batch, length, dim, weights, random));
            }
            return failure.or(() -> causality.gradient(probe, Math.min(4, conditions.profileBatch()), length, dim,
                    weights, random))
                    .or(() -> BatchIndependenceCheck.sizes(probe, conditions.profileBatch(), length, dim, weights,
                            random));
        } catch (InterfaceCheck.Failed broken) {
            return Optional.of(broken.report());
        }
    }

    /**
     * The language model around this mixer, run once, and every number it then holds: trained
     * parameters as their arrays are, and constant arrays the mixer keeps.
     */
    private static CheckReport budget(MixerFactory factory, ScreeningProfile profile, NDManager manager) {
        ByteLanguageModel model = new ByteLanguageModel(profile, factory);
        int time = CheckConditions.nonMultiple(profile.context());
        model.initialize(manager, DataType.FLOAT32, new Shape(1, time));
        model.forward(new ParameterStore(manager, false), new NDList(manager.zeros(new Shape(1, time),
                DataType.INT64)), false);
        HeldWeights held = HeldWeights.of(model);
        if (held.total() > profile.maxParameters()) {
            return CheckReport.fail(FailureReason.OVER_BUDGET, "the language model around this mixer holds "
                    + held.total() + " numbers (" + held.trained() + " trained parameters"
                    + (held.constants() > 0 ? " and " + held.constants() + " in arrays the mixer keeps" : "")
                    + "); profile " + profile.name() + " allows " + profile.maxParameters()
                    + "; narrow the projections or share weights");
        }
        return CheckReport.pass(held.total());
    }
}
