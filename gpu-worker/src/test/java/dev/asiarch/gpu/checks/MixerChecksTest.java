package dev.asiarch.gpu.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.core.program.ArchitectureSpec;
import dev.asiarch.core.program.FeatureMap;
import dev.asiarch.core.program.MixerSourceGenerator;
import dev.asiarch.core.program.Recurrence;
import dev.asiarch.core.program.SeedPrograms;
import dev.asiarch.gpu.compile.CompilationException;
import dev.asiarch.gpu.compile.InMemoryCompiler;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.gpu.testing.Candidates;
import dev.asiarch.workflows.activities.CheckReport;
import org.junit.jupiter.api.Test;

class MixerChecksTest {

    private static MixerFactory load(String source) throws Exception {
        return InMemoryCompiler.forThisProcess().compile(source)
                .load(MixerChecksTest.class.getClassLoader());
    }

    @Test
    void deltaNetSeedPassesEveryCheck() throws Exception {
        CheckReport report = MixerChecks.run(load(SeedPrograms.source(SeedPrograms.DELTA_NET)),
                ScreeningProfiles.CPU_TINY, 1, false);

        assertThat(report.passed()).as(report.diagnostic()).isTrue();
        assertThat(report.parameters()).isBetween(50_000L, ScreeningProfiles.CPU_TINY.maxParameters());
    }

    @Test
    void generatedProgramsPassEveryCheck() throws Exception {
        for (ArchitectureSpec spec : new ArchitectureSpec[] {
                new ArchitectureSpec(Recurrence.LINEAR, FeatureMap.ELU_PLUS_ONE, 0, 16, true, 2),
                new ArchitectureSpec(Recurrence.DELTA, FeatureMap.RELU, 3, 32, false, 8),
                new ArchitectureSpec(Recurrence.DELTA, FeatureMap.IDENTITY, 0, 0, true, 4)}) {
            CheckReport report = MixerChecks.run(load(MixerSourceGenerator.generate(spec, "test")),
                    ScreeningProfiles.CPU_SMOKE, 2, false);
            assertThat(report.passed()).as(spec.encode() + ": " + report.diagnostic()).isTrue();
        }
    }

    @Test
    void rejectsMixerThatReadsTheNextToken() throws Exception {
        CheckReport report = MixerChecks.run(load(Candidates.PEEKS_AT_NEXT_TOKEN), ScreeningProfiles.CPU_SMOKE, 1, false);

        assertThat(report.passed()).isFalse();
        assertThat(report.failure()).contains(FailureReason.NON_CAUSAL);
        assertThat(report.diagnostic()).contains("output at position 0 changed").contains("after position 0");
    }

    @Test
    void rejectsMixerThatChangesTheWidth() throws Exception {
        CheckReport report = MixerChecks.run(load(Candidates.HALVES_WIDTH), ScreeningProfiles.CPU_SMOKE, 1, false);

        assertThat(report.failure()).contains(FailureReason.SHAPE_MISMATCH);
        assertThat(report.diagnostic()).contains("(2, 64, 16)").contains("(2, 64, 32)");
    }
}
