package dev.asiarch.gpu.train;

import static dev.asiarch.gpu.testing.Reports.metrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.gpu.compile.InMemoryCompiler;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.gpu.data.EuroparlCorpus;
import dev.asiarch.gpu.data.TextSplit;
import dev.asiarch.gpu.testing.Slow;
import dev.asiarch.kernels.cuda.EmulatedDriver;
import dev.asiarch.kernels.cuda.FusedDeltaRule;
import dev.asiarch.kernels.programs.Gallery;
import dev.asiarch.workflows.activities.ScreeningReport;
import java.io.PrintWriter;
import java.io.Writer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A mixer that calls the delta rule trains through the fused kernels without being told: the screening
 * run, its trainer and the language model around the mixer are the production ones, and where the fused
 * kernels serve the arrays' device (here the host, through the emulated CUDA driver that runs the kernels
 * on the CPU) the forward passes launch them and the backward passes run through a fused tape. The
 * measurements must be those of the DJL chain, step for step.
 */
@Slow("screens a delta-rule program twice on cpu-smoke")
class FusedTrainingTest {

    private static final ScreeningProfile PROFILE = ScreeningProfiles.CPU_SMOKE;
    private static final TextSplit TEXT = EuroparlCorpus.load(PROFILE.corpusBytes(), PROFILE.validationFraction(),
            PROFILE.dataSeed());
    private static FusedDeltaRule kernels;

    @BeforeAll
    static void loadTheKernels() throws Exception {
        kernels = EmulatedDriver.hostKernels();
    }

    @AfterEach
    void stopServing() {
        FusedDeltaRule.stopServing(Device.cpu());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DeltaNet", "GatedDeltaNet"})
    void aDeltaRuleMixerTrainsThroughTheFusedKernelsAsThroughTheDjlChain(String program) throws Exception {
        TrainingMetrics chain = metrics(screen(program));
        FusedDeltaRule.serve(Device.cpu(), kernels);
        long before = FusedDeltaRule.launches();
        TrainingMetrics fused = metrics(screen(program));

        assertThat(FusedDeltaRule.launches() - before).as("fused kernel launches").isPositive();
        assertThat(fused.trainLossCurve()).hasSameSizeAs(chain.trainLossCurve());
        for (int i = 0; i < chain.trainLossCurve().size(); i++) {
            assertThat(fused.trainLossCurve().get(i)).as("train loss at step %d", i)
                    .isCloseTo(chain.trainLossCurve().get(i), within(1e-4));
        }
        assertThat(fused.validationLoss()).isCloseTo(chain.validationLoss(), within(1e-4));
        assertThat(fused.benchmarks().keySet()).containsExactlyElementsOf(chain.benchmarks().keySet());
        for (String task : chain.benchmarks().keySet()) {
            assertThat(fused.benchmarks().get(task)).as(task).isCloseTo(chain.benchmarks().get(task), within(0.02));
        }
    }

    private static ScreeningReport screen(String program) throws Exception {
        MixerFactory mixers = InMemoryCompiler.forThisProcess().compile(Gallery.source(program))
                .load(FusedTrainingTest.class.getClassLoader());
        ScreeningReport report = new ScreeningRun(PROFILE, TEXT, 1).train(mixers, 3, (step, steps, loss) -> { },
                new PrintWriter(Writer.nullWriter()));
        assertThat(report.trained()).as(report.toString()).isTrue();
        return report;
    }
}
