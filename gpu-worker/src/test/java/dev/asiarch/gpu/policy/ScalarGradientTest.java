package dev.asiarch.gpu.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.asiarch.kernels.programs.Gallery;
import dev.asiarch.gpu.compile.InMemoryCompiler;
import dev.asiarch.gpu.testing.Candidates;
import dev.asiarch.gpu.testing.Slow;
import dev.asiarch.kernels.TokenMixer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Candidates that scale by Java numbers (x.mul(2f), div, pow, NDArrays.mul, swish, scaleGradient) get
 * the gradients calculus gives them even when the JVM collects garbage between the forward and the
 * backward pass: on DJL 0.35.1's PyTorch engine those calls, left as written, free the number's buffer
 * while autograd still needs it, and the gradient comes out scaled by garbage. Compared with central
 * finite differences of the same function.
 */
@Slow("finite differences through whole gallery programs, after garbage collections: seconds a program")
class ScalarGradientTest {

    static Stream<String> programs() {
        return Stream.of("gradients/ScalesByNumbers", "gallery:ContentSharpRouter",
                "gallery:AdaMultiPathGateNet", "gallery:SoftmaxAttention");
    }

    private static String source(String program) {
        return program.startsWith("gallery:") ? Gallery.source(program.substring("gallery:".length()))
                : Candidates.resource(program + ".java");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void gradientsSurviveAGarbageCollectionBetweenForwardAndBackward(String program) throws Exception {
        TokenMixer mixer = InMemoryCompiler.forThisProcess().compile(source(program))
                .load(getClass().getClassLoader()).create(16);
        int batch = 2;
        int time = 40;
        int dim = 16;
        Random random = new Random(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            mixer.initialize(manager, DataType.FLOAT32, new Shape(batch, time, dim));
            ParameterStore store = new ParameterStore(manager, false);
            float[] input = new float[batch * time * dim];
            float[] weights = new float[input.length];
            for (int i = 0; i < input.length; i++) {
                input[i] = (float) random.nextGaussian();
                weights[i] = (float) random.nextGaussian();
            }
            NDArray x = manager.create(input, new Shape(batch, time, dim));
            x.setRequiresGradient(true);
            NDArray r = manager.create(weights, new Shape(batch, time, dim));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = mixer.forward(store, new NDList(x), true).singletonOrThrow().mul(r).sum();
                churnTheHeap();
                collector.backward(loss);
            }
            float[] gradient = x.getGradient().toFloatArray();

            for (int probe = 0; probe < 12; probe++) {
                int i = random.nextInt(input.length);
                double difference = (loss(mixer, store, manager, input, weights, i, 1e-2f)
                        - loss(mixer, store, manager, input, weights, i, -1e-2f)) / 2e-2;
                assertThat((double) gradient[i]).as("%s: d loss / d x[%d]", program, i)
                        .isCloseTo(difference, org.assertj.core.data.Offset.offset(2e-2 * Math.max(1, Math.abs(difference))));
            }
        }
    }

    /** Collects garbage and reuses the freed direct memory, as a long training run does. */
    private static void churnTheHeap() {
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            System.gc();
            for (int i = 0; i < 64; i++) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(64);
                while (buffer.hasRemaining()) {
                    buffer.put((byte) 0x7f);
                }
                buffers.add(buffer);
            }
        }
        buffers.clear();
    }

    private static double loss(TokenMixer mixer, ParameterStore store, NDManager manager, float[] input,
                               float[] weights, int index, float step) {
        try (NDManager call = manager.newSubManager()) {
            float[] moved = input.clone();
            moved[index] += step;
            Shape shape = new Shape(2, 40, 16);
            NDArray y = mixer.forward(store, new NDList(call.create(moved, shape)), false).singletonOrThrow();
            return y.toType(DataType.FLOAT64, false).mul(call.create(weights, shape).toType(DataType.FLOAT64, false))
                    .sum().getDouble();
        }
    }
}
