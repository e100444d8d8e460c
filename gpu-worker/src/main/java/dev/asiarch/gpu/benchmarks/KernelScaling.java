package dev.asiarch.gpu.benchmarks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.DeltaRule;
import dev.asiarch.kernels.GatedDeltaRule;
import dev.asiarch.kernels.GatedLinearAttention;
import dev.asiarch.kernels.LinearAttention;
import dev.asiarch.kernels.Norm;
import dev.asiarch.kernels.Scalars;
import dev.asiarch.kernels.SoftmaxAttention;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Benchmark program: time of the four chunked scans (delta rule, gated delta rule, linear and gated linear
 * attention) and of causal softmax attention at sequence lengths
 * 256 to 8192 (one sequence, 4 heads of 16 channels, chunk 32), forward alone and forward plus backward
 * (gradients of every input), best of three; and the exponents of time in length fitted by least
 * squares on log-log over lengths of 1024 and more. Training pays the backward pass too, so both count.
 *
 * <pre>java -cp app/target/asi-arch.jar dev.asiarch.gpu.benchmarks.KernelScaling</pre>
 */
public final class KernelScaling {

    static final int[] LENGTHS = {256, 512, 1024, 2048, 4096, 8192};

    private KernelScaling() {
    }

    public static void main(String[] args) {
        try (NDManager manager = NDManager.newBaseManager()) {
            report("delta rule (chunked, 32)", manager, inputs -> DeltaRule.chunked(inputs[0], inputs[1], inputs[2],
                    inputs[3], 32));
            report("gated delta rule (32)", manager, inputs -> GatedDeltaRule.chunked(inputs[0], inputs[1],
                    inputs[2], inputs[3], inputs[4], 32));
            report("linear attention (32)", manager, inputs -> LinearAttention.chunked(inputs[0], inputs[1],
                    inputs[2], 32));
            report("gated linear attn (32)", manager, inputs -> GatedLinearAttention.chunked(inputs[0], inputs[1],
                    inputs[2], inputs[4], 32));
            report("softmax attention", manager, inputs -> SoftmaxAttention.causal(inputs[0], inputs[1], inputs[2]));
        }
    }

    private static void report(String kernel, NDManager manager, Function<NDArray[], NDArray> run) {
        List<double[]> forward = new ArrayList<>();
        List<double[]> both = new ArrayList<>();
        for (int length : LENGTHS) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray q = Norm.l2(scope.randomNormal(new Shape(1, 4, length, 16)));
                NDArray k = Norm.l2(scope.randomNormal(new Shape(1, 4, length, 16)));
                NDArray v = scope.randomNormal(new Shape(1, 4, length, 16));
                NDArray beta = Activations.sigmoid(scope.randomNormal(new Shape(1, 4, length)));
                // log a_t in (-0.7, 0): a forget gate near its usual range.
                NDArray logDecay = Activations.softplus(scope.randomNormal(new Shape(1, 4, length))).neg()
                        .minimum(Scalars.of(q, -1e-3)).maximum(Scalars.of(q, -0.7));
                NDArray[] inputs = {q, k, v, beta, logDecay};
                for (NDArray input : inputs) {
                    input.setRequiresGradient(true);
                }
                time(scope, inputs, run, false);
                double bestForward = Double.MAX_VALUE;
                double bestBoth = Double.MAX_VALUE;
                for (int repeat = 0; repeat < 3; repeat++) {
                    bestForward = Math.min(bestForward, time(scope, inputs, run, false));
                    bestBoth = Math.min(bestBoth, time(scope, inputs, run, true));
                }
                forward.add(new double[] {length, bestForward});
                both.add(new double[] {length, bestBoth});
                System.out.printf(Locale.ROOT, "%-26s T=%5d  forward %9.2f ms  forward+backward %9.2f ms%n", kernel,
                        length, bestForward, bestBoth);
            }
        }
        System.out.printf(Locale.ROOT, "%-26s exponent forward %.2f, forward+backward %.2f (lengths >= 1024)%n",
                kernel, exponent(forward, 1024), exponent(both, 1024));
    }

    /** Milliseconds of one call, with the backward pass of a weighted sum of its output when asked. */
    private static double time(NDManager scope, NDArray[] inputs, Function<NDArray[], NDArray> run,
                               boolean backward) {
        try (NDManager call = scope.newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            long started = System.nanoTime();
            NDArray out = run.apply(inputs);
            if (backward) {
                collector.backward(out.mul(call.randomNormal(out.getShape())).sum());
                inputs[0].getGradient().getFloat(0, 0, 0, 0);
            } else {
                out.getFloat(0, 0, 0, 0);
            }
            return (System.nanoTime() - started) / 1e6;
        }
    }

    /** Slope of log(time) against log(length) over points with length >= {@code from}. */
    static double exponent(List<double[]> points, int from) {
        List<double[]> used = points.stream().filter(p -> p[0] >= from).toList();
        double mx = used.stream().mapToDouble(p -> Math.log(p[0])).average().orElseThrow();
        double my = used.stream().mapToDouble(p -> Math.log(p[1])).average().orElseThrow();
        double num = 0;
        double den = 0;
        for (double[] p : used) {
            num += (Math.log(p[0]) - mx) * (Math.log(p[1]) - my);
            den += Math.pow(Math.log(p[0]) - mx, 2);
        }
        return num / den;
    }
}
