package dev.asiarch.gpu.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.core.program.SeedPrograms;
import dev.asiarch.gpu.compile.InMemoryCompiler;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.gpu.data.EuroparlCorpus;
import dev.asiarch.workflows.activities.ScreeningReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScreeningRunTest {

    @Test
    void deltaNetLearnsRealTextInAShortRun() throws Exception {
        ScreeningProfile profile = ScreeningProfiles.CPU_SMOKE;
        MixerFactory deltaNet = new InMemoryCompiler(System.getProperty("java.class.path"))
                .compile(SeedPrograms.source(SeedPrograms.DELTA_NET)).load(getClass().getClassLoader());
        ScreeningRun run = new ScreeningRun(profile,
                EuroparlCorpus.load(profile.corpusBytes(), profile.validationFraction(), profile.dataSeed()));
        List<Double> points = new ArrayList<>();
        StringWriter log = new StringWriter();

        ScreeningReport report = run.train(deltaNet, 1, (step, steps, loss) -> points.add(loss), new PrintWriter(log));

        assertThat(report.trained()).as(report.diagnostic()).isTrue();
        TrainingMetrics metrics = report.metrics().orElseThrow();
        // Uniform guessing over 256 bytes costs ln 256 = 5.55 nats; even 30 steps learn byte frequencies.
        assertThat(points.get(0)).isGreaterThan(metrics.finalTrainLoss());
        assertThat(metrics.validationLoss()).isBetween(1.0, Math.log(256));
        assertThat(metrics.trainLossCurve()).hasSize(30);
        assertThat(metrics.tokensPerSecond()).isPositive();
        assertThat(log.toString()).contains("validation loss");
    }
}
