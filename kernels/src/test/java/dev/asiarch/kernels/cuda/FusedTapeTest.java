package dev.asiarch.kernels.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.DeltaRule;
import dev.asiarch.kernels.GatedDeltaRule;
import dev.asiarch.kernels.Heads;
import dev.asiarch.kernels.Norm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Training through the fused kernels gives every weight the gradient one backward pass through the DJL
 * chain gives it. A small residual model, built the way the framework's language model is (per layer:
 * cut, norm, a delta-rule mixer with an output gate that reads the same normed input, residual, MLP,
 * residual), is trained one step both ways: the DJL chunked path with one backward pass, and the fused
 * kernels (the emulated driver's, serving the host's arrays) through a {@link FusedTape}. Variants: the
 * gated rule, and a mixer that calls the rule twice, the second on the first's output, so that one
 * layer holds two fused calls that depend on each other.
 */
class FusedTapeTest {

    private static final int BATCH = 2;
    private static final int TIME = 21;
    private static final int DIM = 8;
    private static final int HEADS = 2;
    private static final int LAYERS = 2;
    private static final int CHUNK = 8;

    private static FusedDeltaRule kernels;
    private NDManager manager;
    private boolean gradModeBefore;

    @BeforeAll
    static void loadTheKernels() throws Exception {
        kernels = EmulatedDriver.hostKernels();
    }

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager(Device.cpu());
        gradModeBefore = JniUtils.isGradMode();
    }

    @AfterEach
    void close() {
        FusedDeltaRule.stopServing(Device.cpu());
        JniUtils.setGradMode(gradModeBefore);
        manager.close();
    }

    @ParameterizedTest(name = "gated {0}, two calls a layer {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void everyWeightGetsTheGradientOfOneBackwardPassThroughTheDjlChain(boolean gated, boolean twice) {
        float[][] initial = initialWeights();
        NDArray input = manager.randomNormal(new Shape(BATCH, TIME, DIM));
        NDArray target = manager.randomNormal(new Shape(BATCH, TIME, DIM));

        List<NDArray> reference = weights(initial);
        JniUtils.setGradMode(true);
        NDArray referenceLoss = loss(reference, input, target, gated, twice);
        JniUtils.backward((PtNDArray) referenceLoss, (PtNDArray) referenceLoss.onesLike(), false, false);

        List<NDArray> fused = weights(initial);
        FusedDeltaRule.serve(Device.cpu(), kernels);
        NDArray fusedLoss;
        try (FusedTape tape = FusedTape.open()) {
            fusedLoss = loss(fused, input, target, gated, twice);
            assertThat(tape.fusedCalls()).as("fused calls on the tape").isEqualTo(LAYERS * (twice ? 2 : 1));
            tape.backward(fusedLoss);
        }

        assertThat(fusedLoss.getFloat()).isCloseTo(referenceLoss.getFloat(), org.assertj.core.data.Offset.offset(
                1e-4f * Math.max(1f, Math.abs(referenceLoss.getFloat()))));
        for (int i = 0; i < reference.size(); i++) {
            assertClose("weight " + i, fused.get(i).getGradient(), reference.get(i).getGradient(), 1e-4f);
        }
    }

    @Test
    void withoutATapeCuttingChangesNothingAndRecordingTakesTheDjlChain() {
        NDArray x = manager.randomNormal(new Shape(1, 1, 4, 2));
        x.setRequiresGradient(true);
        FusedDeltaRule.serve(Device.cpu(), kernels);

        JniUtils.setGradMode(true);
        assertThat(FusedTape.cut(x)).isSameAs(x);
        assertThat(FusedDeltaRule.forArrays(x)).as("recording, no tape").isEmpty();
        try (FusedTape tape = FusedTape.open()) {
            assertThat(FusedDeltaRule.forArrays(x)).as("recording, a tape").isPresent();
            assertThat(FusedTape.cut(x)).isNotSameAs(x);
            assertThatThrownBy(FusedTape::open).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open");
        }
        assertThat(FusedTape.current()).isNull();
        JniUtils.setGradMode(false);
        assertThat(FusedDeltaRule.forArrays(x)).as("inference").isPresent();
        FusedDeltaRule.stopServing(Device.cpu());
        assertThat(FusedDeltaRule.forArrays(x)).as("the host, not served").isEmpty();
    }

    /** Per layer: q, k, v, beta, decay, gate, output, MLP up and down projections. */
    private float[][] initialWeights() {
        List<float[]> all = new ArrayList<>();
        for (int layer = 0; layer < LAYERS; layer++) {
            for (int w = 0; w < 9; w++) {
                int columns = w == 3 || w == 4 ? HEADS : w == 7 ? 2 * DIM : DIM;
                int rows = w == 8 ? 2 * DIM : DIM;
                float scale = (float) (1 / Math.sqrt(rows));
                float[] values = manager.randomNormal(0f, scale, new Shape(rows, columns), ai.djl.ndarray.types.DataType.FLOAT32)
                        .toFloatArray();
                all.add(values);
            }
        }
        return all.toArray(new float[0][]);
    }

    private List<NDArray> weights(float[][] initial) {
        List<NDArray> weights = new ArrayList<>();
        for (int i = 0; i < initial.length; i++) {
            int w = i % 9;
            int columns = w == 3 || w == 4 ? HEADS : w == 7 ? 2 * DIM : DIM;
            NDArray weight = manager.create(initial[i], new Shape(initial[i].length / columns, columns));
            weight.setRequiresGradient(true);
            weights.add(weight);
        }
        return weights;
    }

    private static NDArray loss(List<NDArray> w, NDArray input, NDArray target, boolean gated, boolean twice) {
        NDArray hidden = input;
        for (int layer = 0; layer < LAYERS; layer++) {
            int at = layer * 9;
            hidden = FusedTape.cut(hidden);
            NDArray normed = Norm.rms(hidden);
            NDArray q = Norm.l2(Heads.split(normed.matMul(w.get(at)), HEADS));
            NDArray k = Norm.l2(Heads.split(normed.matMul(w.get(at + 1)), HEADS));
            NDArray v = Heads.split(normed.matMul(w.get(at + 2)), HEADS);
            NDArray beta = Heads.perHead(Activations.sigmoid(normed.matMul(w.get(at + 3))));
            NDArray logDecay = Heads.perHead(Activations.sigmoid(normed.matMul(w.get(at + 4))).log());
            NDArray mixed = rule(q, k, v, beta, gated ? logDecay : null);
            if (twice) {
                // In place, as a mixer may write: the fused output must take it as the DJL chain's does.
                mixed = rule(q, k, mixed.addi(v), beta, gated ? logDecay : null);
            }
            NDArray gate = Activations.sigmoid(normed.matMul(w.get(at + 5)));
            hidden = hidden.add(Heads.merge(mixed).mul(gate).matMul(w.get(at + 6)));
            hidden = hidden.add(Activations.silu(Norm.rms(hidden).matMul(w.get(at + 7))).matMul(w.get(at + 8)));
        }
        NDArray error = hidden.sub(target);
        return error.mul(error).mean();
    }

    private static NDArray rule(NDArray q, NDArray k, NDArray v, NDArray beta, NDArray logDecay) {
        return logDecay == null ? DeltaRule.chunked(q, k, v, beta, CHUNK)
                : GatedDeltaRule.chunked(q, k, v, beta, logDecay, CHUNK);
    }

    private static void assertClose(String what, NDArray actual, NDArray expected, float tolerance) {
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        float scale = 1e-3f;
        float worst = 0f;
        for (int i = 0; i < e.length; i++) {
            scale = Math.max(scale, Math.abs(e[i]));
            worst = Math.max(worst, Math.abs(a[i] - e[i]));
        }
        assertThat(worst / scale).as("%s: largest difference %s (scale %s)", what, worst, scale).isLessThan(tolerance);
    }
}
