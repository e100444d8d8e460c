package dev.asiarch.kernels.cuda;

import static org.bytedeco.cuda.global.cudart.cuDevicePrimaryCtxRetain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.DeltaRule;
import dev.asiarch.kernels.GatedDeltaRule;
import dev.asiarch.kernels.Norm;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fused kernels' Java launcher end to end: NVRTC compiles the source to a CUBIN for the device's
 * architecture, the driver API loads it into the primary context and launches it on the engine's own
 * array buffers (found through {@link EngineMemory}, made contiguous where they are views), with the
 * kernels' parameters in their order. The driver here is the emulated one, which runs the kernels on the
 * host, so the engine's CPU arrays stand in for device arrays; the outputs and gradients must be the DJL
 * chunked path's and its autograd's. On a GPU the same launcher runs the same kernels on device arrays
 * (the device check times and checks that part without a JDK).
 */
class FusedLaunchTest {

    private static FusedDeltaRule kernels;
    private NDManager manager;

    @BeforeAll
    static void loadTheKernels() throws Exception {
        kernels = EmulatedDriver.hostKernels();
    }

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(41);
        manager = NDManager.newBaseManager(Device.cpu());
    }

    @AfterEach
    void close() {
        FusedDeltaRule.stopServing(Device.cpu());
        manager.close();
    }

    @ParameterizedTest(name = "gated {0}, time {1}, chunk {2}")
    @CsvSource({"false, 37, 16", "true, 37, 16", "false, 24, 8", "true, 64, 32"})
    void launchedOnTheEnginesArraysTheKernelsGiveTheChunkedPathsOutputsAndGradients(boolean gated, int time, int chunk) {
        int batch = 2;
        int heads = 3;
        int dk = 8;
        int dv = 4;
        // Made [batch, time, heads, d] and transposed, as a mixer makes them: views, not contiguous.
        NDArray q = Norm.l2(manager.randomNormal(new Shape(batch, time, heads, dk))).transpose(0, 2, 1, 3);
        NDArray k = Norm.l2(manager.randomNormal(new Shape(batch, time, heads, dk))).transpose(0, 2, 1, 3);
        NDArray v = manager.randomNormal(new Shape(batch, time, heads, dv)).transpose(0, 2, 1, 3);
        NDArray beta = Activations.sigmoid(manager.randomNormal(new Shape(batch, heads, time)));
        NDArray logDecay = gated ? manager.randomUniform(-0.2f, -0.005f, new Shape(batch, heads, time)) : null;
        NDArray weights = manager.randomNormal(new Shape(batch, heads, time, dv));
        NDArray[] inputs = gated ? new NDArray[] {q, k, v, beta, logDecay} : new NDArray[] {q, k, v, beta};
        assertThat(EngineMemory.contiguous(q)).as("a transposed view is copied").isNotSameAs(q);

        NDArray[] leaves = new NDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = inputs[i].duplicate();
            leaves[i].setRequiresGradient(true);
        }
        NDArray reference;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            reference = gated ? GatedDeltaRule.chunked(leaves[0], leaves[1], leaves[2], leaves[3], leaves[4], chunk)
                    : DeltaRule.chunked(leaves[0], leaves[1], leaves[2], leaves[3], chunk);
            collector.backward(reference.mul(weights).sum());
        }

        FusedDeltaRule.Saved saved = kernels.forwardSaving(q, k, v, beta, logDecay, chunk);
        assertClose("out", saved.out(), reference, 1e-5f);
        assertThat(saved.out().getShape()).isEqualTo(new Shape(batch, heads, time, dv));
        assertThat(saved.states().getShape()).isEqualTo(new Shape(batch * heads, (time + chunk - 1) / chunk, dk, dv));
        assertClose("out without saving", kernels.forward(q, k, v, beta, logDecay, chunk), reference, 1e-5f);
        assertClose("out as the seam serves it", kernels.apply(q, k, v, beta, logDecay, chunk).orElseThrow(), reference,
                1e-5f);

        FusedDeltaRule.Gradients gradients = kernels.backward(q, k, v, beta, logDecay, chunk, saved, weights);
        NDArray[] fused = {gradients.q(), gradients.k(), gradients.v(), gradients.beta(), gradients.logDecay()};
        String[] names = {"dq", "dk", "dv", "dbeta", "dlog_decay"};
        for (int i = 0; i < inputs.length; i++) {
            assertClose(names[i], fused[i], leaves[i].getGradient(), 1e-4f);
        }
        assertThat(gradients.logDecay() == null).isEqualTo(!gated);
    }

    @Test
    void theLauncherSizesEachBlocksScratchAsTheSourceDoes(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve(KernelSources.DELTA_RULE), KernelSources.read(KernelSources.DELTA_RULE));
        try (InputStream header = FusedLaunchTest.class.getResourceAsStream("on_the_host.h")) {
            Files.write(folder.resolve("on_the_host.h"), header.readAllBytes());
        }
        int[][] shapes = {{64, 64, 64}, {8, 4, 16}, {128, 32, 1}, {16, 96, 48}};
        StringBuilder program = new StringBuilder("#include <cstdio>\n#include \"on_the_host.h\"\nint main() {\n");
        for (int[] s : shapes) {
            program.append("    std::printf(\"%lld\\n\", delta_rule_work_floats(").append(s[0]).append(", ").append(s[1])
                    .append(", ").append(s[2]).append("));\n");
        }
        Files.writeString(folder.resolve("work.cpp"), program.append("}\n").toString());
        Process gcc = new ProcessBuilder("g++", "-std=c++17", "-o", "work", "work.cpp").directory(folder.toFile())
                .redirectErrorStream(true).start();
        assertThat(gcc.waitFor()).as(new String(gcc.getInputStream().readAllBytes())).isZero();
        Process run = new ProcessBuilder(folder.resolve("work").toString()).start();
        String[] printed = new String(run.getInputStream().readAllBytes()).strip().split("\n");
        assertThat(run.waitFor()).isZero();

        for (int i = 0; i < shapes.length; i++) {
            assertThat(FusedDeltaRule.workFloats(shapes[i][0], shapes[i][1], shapes[i][2]))
                    .as("dk %d, dv %d, chunk %d", shapes[i][0], shapes[i][1], shapes[i][2])
                    .isEqualTo(Long.parseLong(printed[i]));
        }
    }

    @Test
    void argumentsThatDoNotFitAreRefusedBeforeAnyLaunch() {
        NDArray q = manager.randomNormal(new Shape(1, 2, 10, 4));
        NDArray v = manager.randomNormal(new Shape(1, 2, 10, 3));
        NDArray beta = manager.ones(new Shape(1, 2, 10));

        assertThatThrownBy(() -> kernels.forward(q, q, v, manager.ones(new Shape(1, 2, 9)), null, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta must be (1, 2, 10)");
        assertThatThrownBy(() -> kernels.forward(q, q, manager.ones(new Shape(1, 2, 11, 3)), beta, null, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v must be [batch, heads, time, dv]");
        assertThatThrownBy(() -> kernels.forward(q, q, v, beta, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunk must be positive");
        assertThatThrownBy(() -> kernels.forward(q.toType(DataType.FLOAT64, false), q, v, beta, null, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("q must be float32");
        assertThatThrownBy(() -> kernels.forward(q.reshape(2, 10, 4), q, v, beta, null, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("q must be [batch, heads, time, dk]");
        assertThatThrownBy(() -> kernels.forward(q, q, v, beta, manager.zeros(new Shape(1, 2)), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logDecay must be (1, 2, 10)");
    }

    @Test
    void aLaunchTheDriverRefusesTurnsTheKernelsOffAndTheDjlChainRuns() {
        CUctx_st context = new CUctx_st();
        assertThat(cuDevicePrimaryCtxRetain(context, 0)).isZero();
        // Functions the module never gave: the driver refuses their launch (an invalid handle).
        FusedDeltaRule refused = new FusedDeltaRule(context, new CUfunc_st(), new CUfunc_st(), Device.cpu());
        NDArray q = Norm.l2(manager.randomNormal(new Shape(1, 2, 9, 4)));
        NDArray v = manager.randomNormal(new Shape(1, 2, 9, 3));
        NDArray beta = Activations.sigmoid(manager.randomNormal(new Shape(1, 2, 9)));
        NDArray expected = DeltaRule.chunked(q, q, v, beta, 4);
        FusedDeltaRule.serve(Device.cpu(), refused);

        assertThat(FusedDeltaRule.forArrays(q)).isPresent();
        // Through the seam: the launch is refused, the DJL chain answers.
        assertClose("the DJL chain's outputs", DeltaRule.chunked(q, q, v, beta, 4), expected, 1e-6f);
        assertThat(FusedDeltaRule.forArrays(q)).as("the kernels, after a refused launch").isEmpty();
        assertThatThrownBy(() -> refused.forward(q, q, v, beta, null, 4))
                .isInstanceOf(FusedDeltaRule.LaunchException.class)
                .hasMessageContaining("cuLaunchKernel failed: CUDA_ERROR_INVALID_HANDLE (400)");
    }

    @Test
    void arraysTheKernelDoesNotTakeAsTheyAreGoToTheDjlChain() {
        NDArray q = Norm.l2(manager.randomNormal(new Shape(2, 3, 9, 4)));
        // One key and value head shared by three query heads: the DJL chain broadcasts them.
        NDArray k = Norm.l2(manager.randomNormal(new Shape(2, 1, 9, 4)));
        NDArray v = manager.randomNormal(new Shape(2, 1, 9, 3));
        NDArray beta = Activations.sigmoid(manager.randomNormal(new Shape(2, 3, 9)));
        NDArray expected = DeltaRule.chunked(q, k, v, beta, 4);
        FusedDeltaRule.serve(Device.cpu(), kernels);

        assertThat(kernels.apply(q, k, v, beta, null, 4)).isEmpty();
        assertClose("broadcast heads", DeltaRule.chunked(q, k, v, beta, 4), expected, 1e-6f);
        assertThat(kernels.apply(q.toType(DataType.FLOAT64, false), q, v, beta, null, 4)).isEmpty();
        NDArray none = manager.zeros(new Shape(0, 3, 9, 4));
        assertThat(kernels.apply(none, none, manager.zeros(new Shape(0, 3, 9, 3)), manager.zeros(new Shape(0, 3, 9)),
                null, 4)).as("no rows").isEmpty();
        assertThat(FusedDeltaRule.forArrays(q)).as("still served").isPresent();
    }

    @Test
    void arraysOnAnotherDeviceThanTheKernelsAreRefused() {
        FusedDeltaRule forTheGpu = FusedDeltaRule.load(0, Device.gpu(0));
        NDArray q = manager.randomNormal(new Shape(1, 1, 4, 2));

        assertThatThrownBy(() -> forTheGpu.forward(q, q, q, manager.ones(new Shape(1, 1, 4)), null, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("q is on cpu()").hasMessageContaining("loaded for gpu(0)");
    }

    @Test
    void aDeviceTheDriverDoesNotHaveIsNamed() {
        assertThatThrownBy(() -> FusedDeltaRule.load(3, Device.gpu(3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cuDeviceGet(3) failed: CUDA_ERROR_INVALID_DEVICE (101)");
    }

    @Test
    void theAddressIsTheArraysOwnMemory() {
        NDArray array = manager.create(new float[] {1f, 2f, 3f, 4f}, new Shape(2, 2));

        FloatPointer elements = new FloatPointer(new org.bytedeco.javacpp.Pointer() {
            {
                address = EngineMemory.address(array);
            }
        }).capacity(4);
        assertThat(elements.get(3)).isEqualTo(4f);
        assertThat(EngineMemory.contiguous(array)).isSameAs(array);
        assertThatThrownBy(() -> EngineMemory.address(array.transpose()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contiguous");
    }

    @Test
    void onADeviceItServesTheSeamServesFloat32ArraysInInferenceAndUnderATape() {
        assertThat(FusedDeltaRule.whyNot(DataType.FLOAT32, false, false)).isNull();
        assertThat(FusedDeltaRule.whyNot(DataType.FLOAT32, true, true)).isNull();
        assertThat(FusedDeltaRule.whyNot(DataType.FLOAT16, false, false)).contains("float32");
        assertThat(FusedDeltaRule.whyNot(DataType.FLOAT32, true, false)).contains("no fused tape open");
        assertThat(FusedDeltaRule.forArrays(manager.ones(new Shape(1, 1, 2, 2)))).as("the host, not served").isEmpty();
    }

    /** Within {@code tolerance} of the reference, relative to its largest magnitude when above 1. */
    private static void assertClose(String what, NDArray actual, NDArray expected, float tolerance) {
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        assertThat(a).as(what).hasSameSizeAs(e);
        float scale = 1f;
        float worst = 0f;
        for (int i = 0; i < e.length; i++) {
            scale = Math.max(scale, Math.abs(e[i]));
            worst = Math.max(worst, Math.abs(a[i] - e[i]));
        }
        assertThat(worst / scale).as("%s: largest difference %s (scale %s)", what, worst, scale).isLessThan(tolerance);
    }
}
