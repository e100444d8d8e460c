package dev.asiarch.gpu.benchmarks;

import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.kernels.programs.Gallery;
import dev.asiarch.gpu.checks.MixerChecks;
import dev.asiarch.gpu.compile.InMemoryCompiler;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.gpu.sandbox.CandidateSandbox;
import dev.asiarch.gpu.sandbox.ChildJvm;
import dev.asiarch.gpu.sandbox.ChildLimits;
import dev.asiarch.gpu.sandbox.RuntimeClassPath;
import dev.asiarch.workflows.activities.CheckReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark program: what checking a candidate costs, per gallery program on a profile: the checks
 * alone in this process (after a warm-up program), and the whole check activity's child JVM (start,
 * compile, checks, report), as a campaign pays it, with what the child's checks measured. Run it on a
 * quiet machine for the costs; on a loaded one, it shows how far the time judgment stays from its bound.
 *
 * <pre>java -cp app/target/asi-arch.jar dev.asiarch.gpu.benchmarks.CheckCost [profile] [program,...]</pre>
 */
public final class CheckCost {

    private CheckCost() {
    }

    public static void main(String[] args) throws Exception {
        ScreeningProfile profile = ScreeningProfiles.byName(args.length > 0 ? args[0] : "cpu-tiny");
        List<String> programs = args.length > 1 ? Arrays.asList(args[1].split(",")) : Gallery.names();
        InMemoryCompiler compiler = InMemoryCompiler.forThisProcess();
        // The first program pays for the engine's and the JIT's warm-up; it is not timed.
        MixerChecks.run(compiler.compile(Gallery.source("LinearAttention")).load(CheckCost.class.getClassLoader()),
                profile, 1, false);
        Path work = Files.createTempDirectory("check-cost");
        CandidateSandbox sandbox = new CandidateSandbox(new ChildJvm(RuntimeClassPath.current(),
                ChildLimits.defaults()), work);
        double inProcessTotal = 0;
        double childTotal = 0;
        System.out.printf(Locale.ROOT, "%-22s %12s %12s  %s%n", "program", "checks (s)", "child (s)", "verdict");
        for (String name : programs) {
            boolean reference = Gallery.isReference(name);
            MixerFactory factory = compiler.compile(Gallery.source(name)).load(CheckCost.class.getClassLoader());
            long started = System.nanoTime();
            CheckReport inProcess = MixerChecks.run(factory, profile, 1, reference);
            double checks = (System.nanoTime() - started) / 1e9;
            started = System.nanoTime();
            CheckReport child = reference
                    ? sandbox.checkReference("cost-" + name, Gallery.source(name), profile, 1, ChildJvm.Listener.onTick(() -> { }))
                    : sandbox.check("cost-" + name, Gallery.source(name), profile, 1, ChildJvm.Listener.onTick(() -> { }));
            double whole = (System.nanoTime() - started) / 1e9;
            inProcessTotal += checks;
            childTotal += whole;
            System.out.printf(Locale.ROOT, "%-22s %12.2f %12.2f  %s%s%n", name, checks, whole,
                    verdict(child), inProcess.passed() == child.passed() ? "" : " (in process: " + verdict(inProcess) + ")");
        }
        System.out.printf(Locale.ROOT, "%-22s %12.2f %12.2f  (mean per program)%n", "mean",
                inProcessTotal / programs.size(), childTotal / programs.size());
    }

    private static String verdict(CheckReport report) {
        return report instanceof CheckReport.Passed passed ? "passed; " + passed.measured()
                : ((CheckReport.Failed) report).failure().name();
    }
}
