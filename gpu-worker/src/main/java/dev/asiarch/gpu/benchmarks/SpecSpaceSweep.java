package dev.asiarch.gpu.benchmarks;

import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.core.program.MixerSourceGenerator;
import dev.asiarch.core.program.MixerSpec;
import dev.asiarch.core.program.PublishedSpecs;
import dev.asiarch.gpu.checks.MixerChecks;
import dev.asiarch.gpu.compile.InMemoryCompiler;
import dev.asiarch.gpu.compile.CompilationException;
import dev.asiarch.gpu.compile.PolicyViolationException;
import dev.asiarch.workflows.activities.CheckReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark program: the offline Researcher's program space, checked. Draws {@code count} points at
 * random (and takes the published designs' specs), generates each program, and puts it through the
 * compiler, the source policy and every mechanical check on a profile, in this process; prints each failure with its
 * diagnostic and the share that passed. Every point should pass: the space is valid by construction.
 *
 * <pre>java -cp app/target/asi-arch.jar dev.asiarch.gpu.benchmarks.SpecSpaceSweep [count] [seed] [profile]</pre>
 */
public final class SpecSpaceSweep {

    private SpecSpaceSweep() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
        ScreeningProfile profile = ScreeningProfiles.byName(args.length > 2 ? args[2] : "cpu-smoke");
        Map<String, MixerSpec> points = new LinkedHashMap<>(PublishedSpecs.all());
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            MixerSpec spec = MixerSpec.sample(random);
            points.putIfAbsent("sample-" + i, spec);
        }
        InMemoryCompiler compiler = InMemoryCompiler.forThisProcess();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        int done = 0;
        for (Map.Entry<String, MixerSpec> point : points.entrySet()) {
            String source = MixerSourceGenerator.generate(point.getValue(), "sweep point");
            String verdict;
            try {
                CheckReport report = MixerChecks.run(compiler.compile(source).load(SpecSpaceSweep.class.getClassLoader()),
                        profile, 1, false);
                verdict = report instanceof CheckReport.Failed failed
                        ? failed.failure() + ": " + failed.diagnostic().lines().findFirst().orElse("") : "";
            } catch (CompilationException | PolicyViolationException refused) {
                verdict = "REFUSED " + refused.getMessage();
            }
            done++;
            if (!verdict.isEmpty()) {
                failures.add(point.getKey() + " " + point.getValue().encode() + " -> " + verdict);
                System.out.println("FAILED " + failures.get(failures.size() - 1));
            }
            if (done % 25 == 0) {
                System.out.printf(Locale.ROOT, "%d/%d checked, %d failed, %.1f s per point%n", done, points.size(),
                        failures.size(), (System.nanoTime() - started) / 1e9 / done);
            }
        }
        System.out.printf(Locale.ROOT, "%d points (%d published, %d sampled with seed %d) on %s: %d passed, %d failed;"
                        + " %.1f s per point%n", points.size(), PublishedSpecs.all().size(),
                points.size() - PublishedSpecs.all().size(), seed, profile.name(), points.size() - failures.size(),
                failures.size(), (System.nanoTime() - started) / 1e9 / points.size());
    }
}
