package dev.asiarch.gpu.checks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.gpu.model.ByteLanguageModel;
import dev.asiarch.kernels.TokenMixer;
import dev.asiarch.workflows.activities.CheckReport;
import java.util.Optional;

/**
 * The mechanical checks a candidate passes before any training, in order: interface and shape,
 * finite outputs and gradients, causality (forward and gradient), batch independence, complexity in
 * sequence length, and the profile's parameter budget. The first failure ends the run with a
 * diagnostic that names what failed and where.
 */
public final class MixerChecks {

    static final int BATCH = 2;
    static final int MAX_TIME = 96;

    private MixerChecks() {
    }

    /** Runs every check; a quadratic reference (softmax attention) is exempt from the complexity bound. */
    public static CheckReport run(MixerFactory factory, ScreeningProfile profile, long seed, boolean quadraticReference) {
        int time = Math.min(profile.context(), MAX_TIME);
        int dim = profile.dim();
        Engine.getInstance().setRandomSeed(Long.hashCode(seed));
        try (NDManager manager = NDManager.newBaseManager()) {
            TokenMixer mixer = factory.create(dim);
            mixer.initialize(manager, DataType.FLOAT32, new Shape(BATCH, time, dim));
            Probe probe = new Probe(mixer, manager);
            NDArray x = manager.randomNormal(new Shape(BATCH, time, dim));
            NDArray y = probe.mix(x);

            if (!y.getShape().equals(x.getShape())) {
                return CheckReport.fail(FailureReason.SHAPE_MISMATCH, "mix(x) returned shape " + y.getShape()
                        + " for input " + x.getShape() + "; it must return [batch, time, dim] unchanged");
            }
            if (!Probe.isFinite(y)) {
                return CheckReport.fail(FailureReason.NON_FINITE,
                        "mix(x) produced NaN or infinite values for a standard-normal input of shape " + x.getShape());
            }
            Optional<CheckReport> failure = finiteGradients(probe, x)
                    .or(() -> CausalityCheck.forward(probe, time, dim))
                    .or(() -> CausalityCheck.gradient(probe, time, dim))
                    .or(() -> BatchIndependenceCheck.run(probe, time, dim));
            if (failure.isPresent()) {
                return failure.get();
            }
            ComplexityCheck.Result complexity = ComplexityCheck.measure(probe, dim);
            if (!quadraticReference && !complexity.withinBound()) {
                return CheckReport.fail(FailureReason.SUPER_LINEAR, complexity.diagnostic());
            }
            ByteLanguageModel model = new ByteLanguageModel(profile, factory);
            model.initialize(manager, DataType.FLOAT32, new Shape(1, time));
            long parameters = model.parameterCount();
            if (parameters > profile.maxParameters()) {
                return CheckReport.fail(FailureReason.OVER_BUDGET, "the language model around this mixer has "
                        + parameters + " parameters; profile " + profile.name() + " allows "
                        + profile.maxParameters() + "; narrow the projections or share weights");
            }
            return CheckReport.pass(parameters);
        }
    }

    /** Gradients of the summed output reach every parameter as finite numbers. */
    private static Optional<CheckReport> finiteGradients(Probe probe, NDArray x) {
        probe.requireParameterGradients();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(probe.mix(x, true).sum());
        }
        return probe.parameterWithNonFiniteGradient().map(name -> CheckReport.fail(FailureReason.NON_FINITE,
                "the gradient of parameter '" + name + "' is NaN or infinite for a standard-normal input of shape "
                        + x.getShape() + "; guard divisions, logarithms and square roots with an epsilon"));
    }
}
