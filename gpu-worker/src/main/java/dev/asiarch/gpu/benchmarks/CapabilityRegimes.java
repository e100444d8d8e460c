package dev.asiarch.gpu.benchmarks;

import dev.asiarch.core.profile.CapabilityBenchmark;
import dev.asiarch.kernels.programs.Gallery;
import dev.asiarch.gpu.compile.InMemoryCompiler;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.gpu.train.CapabilityRun;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark program: accuracy of gallery programs on one capability task over several seeds, mean and
 * spread, to find the regimes in which designs separate. Runs trusted gallery code in this process.
 *
 * <pre>
 * java -cp app/target/asi-arch.jar dev.asiarch.gpu.benchmarks.CapabilityRegimes \
 *   task=mqar length=128 items=32 vocabulary=64 layers=1 steps=300 batch=32 lr=3e-3 dim=64 seeds=3 \
 *   'programs=DeltaNet|LinearAttention|SoftmaxAttention|TokenwiseControl' 
 * </pre>
 */
public final class CapabilityRegimes {

    private CapabilityRegimes() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of(
                "task", "mqar", "length", "128", "items", "32", "vocabulary", "64", "layers", "1",
                "steps", "300", "batch", "32", "lr", "3e-3", "dim", "64", "seeds", "3"));
        options.put("programs", "DeltaNet|LinearAttention|SoftmaxAttention|" + Gallery.CONTROL);
        options.put("eval", "4");
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !options.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("expected key=value with a key among " + options.keySet()
                        + ", got " + arg);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        CapabilityBenchmark benchmark = new CapabilityBenchmark(options.get("task"),
                Integer.parseInt(options.get("length")), Integer.parseInt(options.get("items")),
                Integer.parseInt(options.get("vocabulary")), Integer.parseInt(options.get("layers")),
                Integer.parseInt(options.get("steps")), Integer.parseInt(options.get("batch")),
                Double.parseDouble(options.get("lr")), Integer.parseInt(options.get("eval")));
        int dim = Integer.parseInt(options.get("dim"));
        int seeds = Integer.parseInt(options.get("seeds"));
        System.out.println("# " + benchmark + ", dim " + dim + ", " + seeds + " seeds");
        InMemoryCompiler compiler = InMemoryCompiler.forThisProcess();
        for (String program : List.of(options.get("programs").split("\\|"))) {
            // "spec:<design or encoded spec>" screens a generated program, e.g. spec:HierGateNet
            String source = Gallery.source(program);
            MixerFactory mixers = compiler.compile(source).load(CapabilityRegimes.class.getClassLoader());
            double[] accuracies = new double[seeds];
            long started = System.nanoTime();
            for (int seed = 0; seed < seeds; seed++) {
                accuracies[seed] = CapabilityRun.accuracy(mixers, dim, benchmark, seed + 1,
                        new PrintWriter(Writer.nullWriter()));
            }
            double mean = Arrays.stream(accuracies).average().orElseThrow();
            double spread = Math.sqrt(Arrays.stream(accuracies).map(a -> (a - mean) * (a - mean)).sum()
                    / Math.max(1, seeds - 1));
            System.out.printf(Locale.ROOT, "%-20s %s  mean %.3f  sd %.3f  (%.0f s)%n", program,
                    Arrays.toString(Arrays.stream(accuracies).map(a -> Math.round(a * 1000) / 1000.0).toArray()),
                    mean, spread, (System.nanoTime() - started) / 1e9);
        }
    }
}
