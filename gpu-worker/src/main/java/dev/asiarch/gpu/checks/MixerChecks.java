package dev.asiarch.gpu.checks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.gpu.model.ByteLanguageModel;
import dev.asiarch.kernels.TokenMixer;
import dev.asiarch.workflows.activities.CheckReport;
import java.util.TreeSet;

/**
 * The mechanical checks a candidate passes before any training: interface (shape in = shape out),
 * finite outputs, causality, and the profile's parameter budget. Each failure carries a diagnostic
 * that names what failed and where.
 */
public final class MixerChecks {

    static final int BATCH = 2;
    static final int MAX_TIME = 96;

    private MixerChecks() {
    }

    public static CheckReport run(MixerFactory factory, ScreeningProfile profile, long seed) {
        int time = Math.min(profile.context(), MAX_TIME);
        int dim = profile.dim();
        Engine.getInstance().setRandomSeed(Long.hashCode(seed));
        try (NDManager manager = NDManager.newBaseManager()) {
            TokenMixer mixer = factory.create(dim);
            mixer.initialize(manager, DataType.FLOAT32, new Shape(BATCH, time, dim));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(BATCH, time, dim));
            NDArray y = mix(mixer, store, x);

            if (!y.getShape().equals(x.getShape())) {
                return CheckReport.fail(FailureReason.SHAPE_MISMATCH, "mix(x) returned shape " + y.getShape()
                        + " for input " + x.getShape() + "; it must return [batch, time, dim] unchanged");
            }
            if (!isFinite(y)) {
                return CheckReport.fail(FailureReason.NON_FINITE,
                        "mix(x) produced NaN or infinite values for a standard-normal input of shape " + x.getShape());
            }
            CheckReport causality = causality(mixer, store, manager, x, y, time, dim);
            if (!causality.passed()) {
                return causality;
            }
            ByteLanguageModel model = new ByteLanguageModel(profile, factory);
            model.initialize(manager, DataType.FLOAT32, new Shape(1, time));
            long parameters = model.parameterCount();
            if (parameters > profile.maxParameters()) {
                return CheckReport.fail(FailureReason.OVER_BUDGET, "the language model around this mixer has "
                        + parameters + " parameters; profile " + profile.name() + " allows "
                        + profile.maxParameters());
            }
            return CheckReport.pass(parameters);
        }
    }

    /**
     * Changes every token after position t and requires outputs 0..t to stay the same, for several t.
     */
    private static CheckReport causality(TokenMixer mixer, ParameterStore store, NDManager manager, NDArray x,
                                         NDArray y, int time, int dim) {
        float tolerance = 1e-5f * Math.max(1f, y.abs().max().getFloat());
        for (int t : new TreeSet<>(java.util.List.of(0, time / 4, time / 2, time - 2))) {
            NDArray perturbed = x.duplicate();
            perturbed.set(new NDIndex(":, " + (t + 1) + ":"), manager.randomNormal(new Shape(BATCH, time - t - 1, dim)));
            NDArray changed = mix(mixer, store, perturbed);
            NDArray drift = y.get(":, :" + (t + 1)).sub(changed.get(":, :" + (t + 1))).abs().max(new int[] {2}).max(new int[] {0});
            float[] perPosition = drift.toFloatArray();
            for (int position = 0; position < perPosition.length; position++) {
                if (!(perPosition[position] <= tolerance)) {
                    return CheckReport.fail(FailureReason.NON_CAUSAL, "output at position " + position
                            + " changed by " + perPosition[position] + " when only tokens after position " + t
                            + " were changed (batch " + BATCH + ", length " + time
                            + "): the mixer reads future tokens; mask or scan so that output t uses inputs 0..t only");
                }
            }
        }
        return CheckReport.pass(0);
    }

    private static NDArray mix(TokenMixer mixer, ParameterStore store, NDArray x) {
        return mixer.forward(store, new NDList(x), false).singletonOrThrow();
    }

    private static boolean isFinite(NDArray array) {
        return array.isNaN().logicalOr(array.isInfinite()).none().getBoolean();
    }
}
