package dev.asiarch.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chunked scans' gradients equal those of their step-by-step definitions, at a length that is no
 * multiple of the chunk; and the kernels that scale by numbers keep their gradients through a garbage
 * collection between the forward and the backward pass.
 */
class ScanGradientTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(11);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** Gradients of sum(r * f(inputs)) with respect to every input, after a collection between the passes. */
    private List<float[]> gradients(Function<NDArray[], NDArray> f, NDArray[] inputs, NDArray weights) {
        NDArray[] copies = new NDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            copies[i] = inputs[i].duplicate();
            copies[i].setRequiresGradient(true);
        }
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = f.apply(copies).mul(weights).sum();
            List<ByteBuffer> churn = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                System.gc();
                for (int j = 0; j < 64; j++) {
                    churn.add(ByteBuffer.allocateDirect(64).putFloat(0, 1e30f));
                }
            }
            collector.backward(loss);
        }
        List<float[]> gradients = new ArrayList<>();
        for (NDArray copy : copies) {
            gradients.add(copy.getGradient().toFloatArray());
        }
        return gradients;
    }

    private static void assertClose(List<float[]> actual, List<float[]> expected) {
        for (int i = 0; i < expected.size(); i++) {
            float worst = 0;
            for (int j = 0; j < expected.get(i).length; j++) {
                worst = Math.max(worst, Math.abs(actual.get(i)[j] - expected.get(i)[j]));
            }
            assertThat(worst).as("input %d", i).isLessThan(2e-3f);
        }
    }

    private NDArray[] queriesKeysValues(int time) {
        return new NDArray[] {
            Norm.l2(manager.randomNormal(new Shape(2, 2, time, 8))),
            Norm.l2(manager.randomNormal(new Shape(2, 2, time, 8))),
            manager.randomNormal(new Shape(2, 2, time, 4)),
            Activations.sigmoid(manager.randomNormal(new Shape(2, 2, time))),
            manager.randomUniform(-1f, -0.01f, new Shape(2, 2, time))};
    }

    @Test
    void chunkedScansHaveTheGradientsOfTheirDefinitions() {
        int time = 75;
        NDArray[] inputs = queriesKeysValues(time);
        NDArray weights = manager.randomNormal(new Shape(2, 2, time, 4));

        assertClose(gradients(in -> DeltaRule.chunked(in[0], in[1], in[2], in[3], 32), inputs, weights),
                gradients(in -> DeltaRule.recurrent(in[0], in[1], in[2], in[3]), inputs, weights));
        assertClose(gradients(in -> GatedDeltaRule.chunked(in[0], in[1], in[2], in[3], in[4], 32), inputs, weights),
                gradients(in -> GatedDeltaRule.recurrent(in[0], in[1], in[2], in[3], in[4]), inputs, weights));
        assertClose(gradients(in -> LinearAttention.chunked(in[0], in[1], in[2], 32), inputs, weights),
                gradients(in -> LinearAttention.recurrent(in[0], in[1], in[2]), inputs, weights));
        assertClose(gradients(in -> GatedLinearAttention.chunked(in[0], in[1], in[2], in[4], 32), inputs, weights),
                gradients(in -> GatedLinearAttention.recurrent(in[0], in[1], in[2], in[4]), inputs, weights));
    }

    @Test
    void softmaxAttentionKeepsItsGradientThroughAGarbageCollection() {
        int time = 20;
        NDArray[] inputs = queriesKeysValues(time);
        NDArray weights = manager.randomNormal(new Shape(2, 2, time, 4));
        // The same attention written without any scalar operation: the reference.
        Function<NDArray[], NDArray> plain = in -> {
            NDArray scores = in[0].matMul(in[1].swapAxes(2, 3)).div(manager.full(new Shape(), (float) Math.sqrt(8)));
            NDArray mask = ChunkedScan.lowerMask(manager, time, true, in[0]);
            NDArray logits = scores.mul(mask).add(mask.sub(manager.ones(new Shape())).mul(manager.full(new Shape(), 1e9f)));
            return logits.softmax(-1).matMul(in[2]);
        };

        assertClose(gradients(in -> SoftmaxAttention.causal(in[0], in[1], in[2]), inputs, weights),
                gradients(plain, inputs, weights));
    }
}
