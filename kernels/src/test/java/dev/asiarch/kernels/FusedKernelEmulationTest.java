package dev.asiarch.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.asiarch.kernels.cuda.KernelSources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fused CUDA kernels' arithmetic, run on the CPU: the kernel source compiled with the host C++
 * compiler beside a shim that runs each block on one thread, fed the same inputs as the DJL chunked
 * path, must give its outputs and, for a random weighting of the outputs, the gradients DJL's autograd
 * takes through it, for the delta rule and the gated delta rule, at lengths that are and are not a
 * multiple of the chunk. A GPU runs the same source with many threads per block; the device check
 * (kernels/device-check) covers that part.
 */
class FusedKernelEmulationTest {

    @TempDir
    static Path build;
    private static Path emulator;

    @TempDir
    Path folder;
    private NDManager manager;

    @BeforeAll
    static void compileTheKernelsForTheHost() throws Exception {
        Files.writeString(build.resolve(KernelSources.DELTA_RULE), KernelSources.read(KernelSources.DELTA_RULE));
        for (String name : List.of("on_the_host.h", "emulate.cpp")) {
            try (InputStream shim = FusedKernelEmulationTest.class.getResourceAsStream("cuda/" + name)) {
                Files.write(build.resolve(name), shim.readAllBytes());
            }
        }
        emulator = build.resolve("emulate");
        run(List.of("g++", "-O2", "-std=c++17", "-Wall", "-Wextra", "-Werror", "-o", emulator.toString(),
                build.resolve("emulate.cpp").toString()), build);
    }

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(23);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @ParameterizedTest(name = "gated {0}, time {1}, chunk {2}")
    @CsvSource({"false, 37, 16", "true, 37, 16", "false, 32, 8", "true, 64, 32"})
    void theKernelsComputeTheChunkedPathsOutputsAndGradients(boolean gated, int time, int chunk) throws Exception {
        int batch = 2;
        int heads = 3;
        int dk = 8;
        int dv = 6;
        NDArray q = Norm.l2(manager.randomNormal(new Shape(batch, heads, time, dk)));
        NDArray k = Norm.l2(manager.randomNormal(new Shape(batch, heads, time, dk)));
        NDArray v = manager.randomNormal(new Shape(batch, heads, time, dv));
        NDArray beta = Activations.sigmoid(manager.randomNormal(new Shape(batch, heads, time)));
        // Mild decays, so that what one chunk hands the next still matters to the gradients.
        NDArray logDecay = manager.randomUniform(-0.2f, -0.005f, new Shape(batch, heads, time));
        NDArray weights = manager.randomNormal(new Shape(batch, heads, time, dv));
        NDArray[] inputs = gated ? new NDArray[] {q, k, v, beta, logDecay} : new NDArray[] {q, k, v, beta};
        String[] names = {"q", "k", "v", "beta", "log_decay"};

        NDArray[] leaves = new NDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = inputs[i].duplicate();
            leaves[i].setRequiresGradient(true);
        }
        float[] reference;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray out = gated ? GatedDeltaRule.chunked(leaves[0], leaves[1], leaves[2], leaves[3], leaves[4], chunk)
                    : DeltaRule.chunked(leaves[0], leaves[1], leaves[2], leaves[3], chunk);
            reference = out.toFloatArray();
            collector.backward(out.mul(weights).sum());
        }
        for (int i = 0; i < inputs.length; i++) {
            write(names[i], inputs[i].toFloatArray());
        }
        write("d_out", weights.toFloatArray());
        String[] shape = {gated ? "1" : "0", String.valueOf(batch * heads), String.valueOf(time),
            String.valueOf(dk), String.valueOf(dv), String.valueOf(chunk), folder.toString()};

        emulate("forward", shape);
        assertClose("out", read("out"), reference, 1e-5f);
        emulate("backward", shape);
        String[] gradients = {"dq", "dk", "dv", "dbeta", "dlog_decay"};
        for (int i = 0; i < inputs.length; i++) {
            assertClose(gradients[i], read(gradients[i]), leaves[i].getGradient().toFloatArray(), 1e-4f);
        }
    }

    private void emulate(String mode, String[] shape) throws Exception {
        List<String> command = new ArrayList<>(List.of(emulator.toString(), mode));
        command.addAll(List.of(shape));
        run(command, folder);
    }

    /** Within {@code tolerance} of the reference, relative to the reference's largest magnitude when above 1. */
    private static void assertClose(String what, float[] actual, float[] expected, float tolerance) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        float scale = 1f;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(worst / scale).as("%s: largest difference %s (scale %s)", what, worst, scale).isLessThan(tolerance);
    }

    private void write(String name, float[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        Files.write(folder.resolve(name + ".bin"), bytes.array());
    }

    private float[] read(String name) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(folder.resolve(name + ".bin"))).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    private static void run(List<String> command, Path directory) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s finished", command.get(0)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
    }
}
