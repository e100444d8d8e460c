package dev.asiarch.gpu.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.kernels.programs.Gallery;
import dev.asiarch.gpu.compile.InMemoryCompiler;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.gpu.sandbox.ResidentMemory;
import dev.asiarch.gpu.data.EuroparlCorpus;
import dev.asiarch.gpu.train.ScreeningRun;
import dev.asiarch.kernels.cuda.FusedDeltaRule;
import dev.asiarch.workflows.activities.ScreeningReport;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark program: training throughput of a gallery program on a profile, and its model FLOP
 * utilisation (MFU) against the dense fp32 matrix-multiply rate measured in the same run.
 * Model FLOPs are 6 x parameters per token (forward and backward of every weight); the mixing itself
 * (the delta rule's chunk products) is not counted, so the figure is a lower bound.
 *
 * <pre>java -cp app/target/asi-arch.jar dev.asiarch.gpu.benchmarks.TrainerThroughput [profile] [program] [steps]</pre>
 */
public final class TrainerThroughput {

    private TrainerThroughput() {
    }

    public static void main(String[] args) throws Exception {
        ScreeningProfile base = ScreeningProfiles.byName(args.length > 0 ? args[0] : "cpu-small");
        String program = args.length > 1 ? args[1] : "DeltaNet";
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        ScreeningProfile profile = new ScreeningProfile(base.name() + "-throughput", base.dim(), base.layers(),
                base.context(), base.batchSize(), steps, base.learningRate(), steps / 10, steps / 5, 1,
                Math.min(base.corpusBytes(), 4_000_000L), base.validationFraction(), base.dataSeed(),
                base.maxParameters(), steps, List.of(), base.checkTimeout(), base.trainTimeout());

        double peak = matmulPeak();
        long faultsBefore = minorFaults();
        MixerFactory mixers = InMemoryCompiler.forThisProcess()
                .compile(Gallery.source(program)).load(TrainerThroughput.class.getClassLoader());
        ScreeningReport report = new ScreeningRun(profile, EuroparlCorpus.load(profile.corpusBytes(),
                profile.validationFraction(), profile.dataSeed()))
                .train(mixers, 1, (s, n, l) -> { }, new PrintWriter(Writer.nullWriter()));
        if (report instanceof ScreeningReport.Failed failed) {
            throw new IllegalStateException(failed.failure() + ": " + failed.diagnostic());
        }
        TrainingMetrics metrics = ((ScreeningReport.Trained) report).metrics();
        double achieved = 6.0 * metrics.parameters() * metrics.tokensPerSecond() / 1e9;
        System.out.printf(Locale.ROOT, "profile %s, program %s, %d parameters, %d steps of %d x %d tokens%n",
                base.name(), program, metrics.parameters(), steps, base.batchSize(), base.context());
        System.out.printf(Locale.ROOT, "training: %.0f tokens/s, %.1f GFLOP/s of model FLOPs (6 x params x tokens)%n",
                metrics.tokensPerSecond(), achieved);
        System.out.printf(Locale.ROOT, "dense fp32 matmul peak in this process: %.1f GFLOP/s%n", peak);
        System.out.printf(Locale.ROOT, "MFU: %.1f%%%n", 100 * achieved / peak);
        long launches = FusedDeltaRule.launches();
        System.out.println(launches > 0 ? "fused delta-rule kernels: " + launches + " launches"
                : "fused delta-rule kernels: none launched (the DJL chain ran)");
        // The native allocator's behaviour shows here: memory handed back between steps is paid for again
        // in first-touch page faults; memory kept shows in the peak resident size.
        long faults = minorFaults() - faultsBefore;
        long pid = ProcessHandle.current().pid();
        System.out.printf(Locale.ROOT, "native allocator: MALLOC_ARENA_MAX=%s, minor page faults %d (%.0f per step), "
                        + "peak resident %d MB, resident now %d MB%n", System.getenv().getOrDefault("MALLOC_ARENA_MAX", "unset"),
                faults, faults / (double) steps, ResidentMemory.statusKb(pid, "VmHWM:") / 1024,
                ResidentMemory.statusKb(pid, "VmRSS:") / 1024);
    }

    /** Minor page faults of this process so far (Linux; -1 elsewhere). */
    static long minorFaults() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: minflt is the 10th field.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[7]);
        } catch (java.io.IOException | RuntimeException notLinux) {
            return -1;
        }
    }

    /** The best rate of square fp32 matrix products over a few sizes, in GFLOP/s. */
    static double matmulPeak() {
        double best = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int n : new int[] {256, 512, 1024, 2048}) {
                NDArray a = manager.randomNormal(new Shape(n, n));
                NDArray b = manager.randomNormal(new Shape(n, n));
                a.matMul(b).close();
                int repeats = Math.max(2, (int) (2e9 / (2.0 * n * n * n)));
                long started = System.nanoTime();
                for (int i = 0; i < repeats; i++) {
                    NDArray c = a.matMul(b);
                    c.getFloat(0, 0);
                    c.close();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double rate = 2.0 * n * n * n * repeats / seconds / 1e9;
                System.out.printf(Locale.ROOT, "matmul %d x %d: %.1f GFLOP/s%n", n, n, rate);
                best = Math.max(best, rate);
            }
        }
        return best;
    }
}
