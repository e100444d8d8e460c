package dev.asiarch.gpu.checks;

import static dev.asiarch.gpu.testing.Reports.failed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.kernels.programs.Gallery;
import dev.asiarch.gpu.compile.InMemoryCompiler;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.gpu.data.EuroparlCorpus;
import dev.asiarch.gpu.testing.Slow;
import dev.asiarch.gpu.train.ScreeningRun;
import dev.asiarch.workflows.activities.CheckReport;
import dev.asiarch.workflows.activities.ScreeningReport;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every gallery program and the control compile, pass the mechanical checks and train without blowing up. */
@Slow("checks and trains every gallery program")
class GalleryChecksTest {

    static Stream<String> programs() {
        return Stream.concat(Gallery.names().stream(), Stream.of(Gallery.CONTROL));
    }

    private MixerFactory load(String name) throws Exception {
        return InMemoryCompiler.forThisProcess().compile(Gallery.source(name))
                .load(getClass().getClassLoader());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void passesEveryCheckAndTrainsOnTheSmokeProfile(String name) throws Exception {
        ScreeningProfile profile = ScreeningProfiles.CPU_SMOKE;
        MixerFactory factory = load(name);

        CheckReport checks = MixerChecks.run(factory, profile, 1, Gallery.isReference(name));
        assertThat(checks.passed()).as(name + ": " + checks.toString()).isTrue();

        ScreeningRun run = new ScreeningRun(profile,
                EuroparlCorpus.load(profile.corpusBytes(), profile.validationFraction(), profile.dataSeed()));
        ScreeningReport report = run.train(factory, 1, (step, steps, loss) -> { },
                new PrintWriter(Writer.nullWriter()));
        assertThat(report.trained()).as(name + ": " + report.toString()).isTrue();
    }

    /** The default profile's width (64) gives other head widths and FIR channel counts than the smoke one. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void passesEveryCheckAtTheDefaultWidth(String name) throws Exception {
        CheckReport checks = MixerChecks.run(load(name), ScreeningProfiles.CPU_TINY, 2, Gallery.isReference(name));

        assertThat(checks.passed()).as(name + ": " + checks.toString()).isTrue();
    }

    @Test
    void softmaxAttentionIsQuadraticAndOnlyPassesAsTheReference() throws Exception {
        CheckReport checks = MixerChecks.run(load("SoftmaxAttention"), ScreeningProfiles.CPU_TINY, 1, false);

        assertThat(failed(checks).failure()).as(checks.toString()).isEqualTo(FailureReason.SUPER_LINEAR);
        assertThat(failed(checks).diagnostic()).contains("between lengths 1024 and 2048").contains("T x T");
    }
}
