package dev.asiarch.gpu.checks;

import static dev.asiarch.gpu.testing.Reports.failed;
import static dev.asiarch.gpu.testing.Reports.passed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.core.program.MixerSourceGenerator;
import dev.asiarch.core.program.MixerSpec;
import dev.asiarch.core.program.PublishedSpecs;
import dev.asiarch.core.program.SeedPrograms;
import dev.asiarch.gpu.compile.CompilationException;
import dev.asiarch.gpu.compile.InMemoryCompiler;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.gpu.testing.Candidates;
import dev.asiarch.gpu.testing.Slow;
import dev.asiarch.workflows.activities.CheckReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

@Slow("checking a candidate takes seconds: timed passes up to 8,192 tokens and training steps")
class MixerChecksTest {

    private static MixerFactory load(String source) throws Exception {
        return InMemoryCompiler.forThisProcess().compile(source)
                .load(MixerChecksTest.class.getClassLoader());
    }

    @Test
    void deltaNetSeedPassesEveryCheck() throws Exception {
        CheckReport report = MixerChecks.run(load(SeedPrograms.source(SeedPrograms.DELTA_NET)),
                ScreeningProfiles.CPU_TINY, 1, false);

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(passed(report).parameters()).isBetween(50_000L, ScreeningProfiles.CPU_TINY.maxParameters());
    }

    @Test
    void thePublishedSpecsAndSampledPointsOfTheSpacePassEveryCheck() throws Exception {
        // The whole space is swept by the SpecSpaceSweep benchmark; here, the named designs and a sample.
        Map<String, MixerSpec> points = new LinkedHashMap<>(PublishedSpecs.all());
        Random random = new Random(11);
        for (int i = 0; i < 8; i++) {
            points.put("sample-" + i, MixerSpec.sample(random));
        }
        for (Map.Entry<String, MixerSpec> point : points.entrySet()) {
            CheckReport report = MixerChecks.run(load(MixerSourceGenerator.generate(point.getValue(), "test")),
                    ScreeningProfiles.CPU_SMOKE, 2, false);
            assertThat(report.passed()).as(point.getKey() + " " + point.getValue().encode() + ": " + report).isTrue();
        }
    }

    @Test
    void rejectsMixerThatReadsTheNextToken() throws Exception {
        CheckReport report = MixerChecks.run(load(Candidates.PEEKS_AT_NEXT_TOKEN), ScreeningProfiles.CPU_SMOKE, 1, false);

        assertThat(report.passed()).isFalse();
        assertThat(failed(report).failure()).isEqualTo(FailureReason.NON_CAUSAL);
        assertThat(failed(report).diagnostic()).contains("output at position 0 changed").contains("after position 0");
    }

    @Test
    void findsALeakThatOnlyTheGradientOfAWeightShows() throws Exception {
        CheckReport report = MixerChecks.run(load(Candidates.source("LeakBehindStopGradient")),
                ScreeningProfiles.CPU_SMOKE, 1, false);

        assertThat(failed(report).failure()).isEqualTo(FailureReason.NON_CAUSAL);
        assertThat(failed(report).diagnostic()).contains("the gradient of parameter 'gate'").contains("at initial weights");
    }

    @Test
    void findsALeakBehindAGateOnceTheWeightsMove() throws Exception {
        // The gate is a scalar here, so its own gradient shows the leak only after the weights moved.
        String gated = Candidates.source("LeakBehindZeroGate").replace("next(x).mul(gate.get())",
                "next(x).mul(gate.get().stopGradient().mul(1000f))");
        CheckReport report = MixerChecks.run(load(gated), ScreeningProfiles.CPU_SMOKE, 1, false);

        assertThat(failed(report).failure()).isEqualTo(FailureReason.NON_CAUSAL);
        assertThat(failed(report).diagnostic()).contains("after every weight was moved by noise");
    }

    @Test
    void aLoudChannelDoesNotWidenTheToleranceOfTheOthers() throws Exception {
        CheckReport report = MixerChecks.run(load(Candidates.source("LoudChannelHidesLeak")),
                ScreeningProfiles.CPU_SMOKE, 1, false);

        assertThat(failed(report).failure()).isEqualTo(FailureReason.NON_CAUSAL);
    }

    @Test
    void countsArraysClosedBeforeTheCallReturnsAndTheCandidatesOwnLoops() throws Exception {
        CheckReport closed = MixerChecks.run(load(Candidates.source("QuadraticClosesItsTemporaries")),
                ScreeningProfiles.CPU_SMOKE, 1, false);
        CheckReport loops = MixerChecks.run(load(Candidates.source("QuadraticJavaLoop")),
                ScreeningProfiles.CPU_SMOKE, 1, false);

        assertThat(failed(closed).failure()).isEqualTo(FailureReason.SUPER_LINEAR);
        assertThat(failed(closed).diagnostic()).contains("the arrays a forward pass creates");
        assertThat(failed(loops).failure()).isEqualTo(FailureReason.SUPER_LINEAR);
        assertThat(failed(loops).diagnostic()).contains("the mixer's own Java loops");
    }

    @Test
    void timesTheWorkNoArrayShows() throws Exception {
        CheckReport report = MixerChecks.run(load(Candidates.source("SequenceLongFilter")),
                ScreeningProfiles.CPU_SMOKE, 1, false);

        assertThat(failed(report).failure()).as(report.toString()).isEqualTo(FailureReason.SUPER_LINEAR);
        assertThat(failed(report).diagnostic()).contains("a forward and backward pass took");
    }

    @Test
    void countsTheNumbersTheModelHoldsNotTheShapesItDeclared() throws Exception {
        CheckReport bigger = MixerChecks.run(load(Candidates.source("InitializerMakesBiggerArrays")),
                ScreeningProfiles.CPU_SMOKE, 1, false);
        CheckReport table = MixerChecks.run(load(Candidates.source("KeepsAHugeConstantTable")),
                ScreeningProfiles.CPU_SMOKE, 1, false);

        assertThat(failed(bigger).failure()).isEqualTo(FailureReason.OVER_BUDGET);
        assertThat(failed(bigger).diagnostic()).contains("664672 numbers (664672 trained parameters)");
        assertThat(failed(table).failure()).isEqualTo(FailureReason.OVER_BUDGET);
        assertThat(failed(table).diagnostic()).contains("and 600000 in arrays the mixer keeps");
    }

    static java.util.stream.Stream<Candidates.Legitimate> legitimate() {
        return Candidates.legitimate().stream();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("legitimate")
    void programsWrittenAsModelsWriteJavaPassEveryCheck(Candidates.Legitimate program) throws Exception {
        CheckReport report = MixerChecks.run(load(program.source()), ScreeningProfiles.CPU_TINY, 1, false);

        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    @Test
    void rejectsMixerThatChangesTheWidth() throws Exception {
        CheckReport report = MixerChecks.run(load(Candidates.HALVES_WIDTH), ScreeningProfiles.CPU_SMOKE, 1, false);

        assertThat(failed(report).failure()).isEqualTo(FailureReason.SHAPE_MISMATCH);
        assertThat(failed(report).diagnostic()).contains("(4, 32, 16)").contains("(4, 32, 32)");
    }
}
