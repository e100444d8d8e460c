package dev.asiarch.gpu.train;

import static dev.asiarch.gpu.testing.Reports.failed;
import static dev.asiarch.gpu.testing.Reports.metrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.core.program.SeedPrograms;
import dev.asiarch.gpu.compile.InMemoryCompiler;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.gpu.data.EuroparlCorpus;
import dev.asiarch.gpu.data.TextSplit;
import dev.asiarch.gpu.testing.Candidates;
import dev.asiarch.gpu.testing.Slow;
import dev.asiarch.workflows.activities.ScreeningReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Slow("trains on text and every capability task")
class ScreeningRunTest {

    private static final ScreeningProfile PROFILE = ScreeningProfiles.CPU_SMOKE;
    private static final TextSplit TEXT = EuroparlCorpus.load(PROFILE.corpusBytes(), PROFILE.validationFraction(),
            PROFILE.dataSeed());

    @TempDir
    Path work;

    private MixerFactory deltaNet() throws Exception {
        return compiled(SeedPrograms.source(SeedPrograms.DELTA_NET));
    }

    /** Causal through every check, then reads the next token once training has settled on one shape. */
    private MixerFactory leaking() throws Exception {
        return compiled(Candidates.source("LeaksOnceTrainingStarts"));
    }

    private MixerFactory compiled(String source) throws Exception {
        return InMemoryCompiler.forThisProcess().compile(source).load(getClass().getClassLoader());
    }

    @Test
    void deltaNetLearnsRealTextAndIsMeasuredOnEveryCapabilityTask() throws Exception {
        List<Double> points = new ArrayList<>();
        StringWriter log = new StringWriter();

        ScreeningReport report = new ScreeningRun(PROFILE, TEXT).train(deltaNet(), 1,
                (step, steps, loss) -> points.add(loss), new PrintWriter(log));

        assertThat(report.trained()).as(report.toString()).isTrue();
        TrainingMetrics metrics = metrics(report);
        // Uniform guessing over 256 bytes costs ln 256 = 5.55 nats; even 30 steps learn byte frequencies.
        assertThat(points.get(0)).isGreaterThan(metrics.finalTrainLoss());
        assertThat(metrics.validationLoss()).isBetween(1.0, Math.log(256));
        assertThat(metrics.trainLossCurve()).hasSize(30);
        assertThat(metrics.tokensPerSecond()).isPositive();
        assertThat(metrics.benchmarks()).containsOnlyKeys("mqar-32x4", "mqar-updates-32x4", "copy-32x4", "induction-32");
        assertThat(metrics.benchmarks().values()).allSatisfy(accuracy -> assertThat(accuracy).isBetween(0.0, 1.0));
        assertThat(log.toString()).contains("validation loss").contains("mqar-32x4: accuracy");
    }

    @Test
    void twoLanesMeasureWhatOneLaneMeasures() throws Exception {
        ScreeningReport oneLane = new ScreeningRun(PROFILE, TEXT, 1).train(deltaNet(), 4, (s, n, l) -> { },
                new PrintWriter(Writer.nullWriter()));
        List<Double> points = new ArrayList<>();
        ScreeningReport twoLanes = new ScreeningRun(PROFILE, TEXT, 2).train(deltaNet(), 4,
                (s, n, loss) -> points.add(loss), new PrintWriter(Writer.nullWriter()));

        TrainingMetrics a = metrics(oneLane);
        TrainingMetrics b = metrics(twoLanes);
        // Every part is seeded on its own and every model is built alone: the lanes change the time only.
        assertThat(b.validationLoss()).isCloseTo(a.validationLoss(), within(1e-5));
        assertThat(b.trainLossCurve()).hasSameSizeAs(a.trainLossCurve());
        for (int i = 0; i < a.trainLossCurve().size(); i++) {
            assertThat(b.trainLossCurve().get(i)).isCloseTo(a.trainLossCurve().get(i), within(1e-5));
        }
        assertThat(b.benchmarks().keySet()).containsExactlyElementsOf(a.benchmarks().keySet());
        a.benchmarks().forEach((task, accuracy) ->
                assertThat(b.benchmarks().get(task)).as(task).isCloseTo(accuracy, within(1e-3)));
        assertThat(points).hasSize(30);
    }

    @Test
    void withTwoLanesALeakInTextTrainingStillEndsTheRunAsALeak() throws Exception {
        ScreeningReport report = new ScreeningRun(PROFILE, TEXT, 2).train(leaking(), 1, (step, steps, loss) -> { },
                new PrintWriter(Writer.nullWriter()));

        assertThat(failed(report).failure()).isEqualTo(FailureReason.NON_CAUSAL);
        assertThat(failed(report).diagnostic()).startsWith("after training (text, validation loss");
    }

    @Test
    void aModelThatLearnedToReadAheadFailsAfterTrainingWhateverItsLoss() throws Exception {
        StringWriter log = new StringWriter();

        ScreeningReport report = new ScreeningRun(PROFILE, TEXT).train(leaking(), 1, (step, steps, loss) -> { },
                new PrintWriter(log));

        assertThat(failed(report).failure()).isEqualTo(FailureReason.NON_CAUSAL);
        assertThat(failed(report).diagnostic()).startsWith("after training (text, validation loss")
                .contains("when only its tokens after position");
        assertThat(log.toString()).contains("failed: after training");
    }

    @Test
    void anHonestModelPassesTheProbeAfterTrainingOnEveryTask() throws Exception {
        // DeltaNet's run above trains; here the probe itself must not fail a causal model on a task's data.
        MixerFactory honest = deltaNet();
        var task = PROFILE.benchmarks().get(0);

        CapabilityRun.Result result = CapabilityRun.run(honest, PROFILE.dim(), task, 2,
                new PrintWriter(Writer.nullWriter()));

        assertThat(result.leak()).isEmpty();
    }

    /** Its forward pass is finite, but d sqrt(p^2)/dp at p = 0 is 0/0: every gradient is NaN. */
    private static final String NAN_GRADIENT = """
            import ai.djl.ndarray.NDArray;
            import dev.asiarch.kernels.Dense;
            import dev.asiarch.kernels.TokenMixer;
            import dev.asiarch.kernels.Weight;

            public final class NanGradient extends TokenMixer {
                private final Dense out;
                private final Weight p;

                public NanGradient(int dim) {
                    super(dim);
                    out = dense("out", dim, dim);
                    p = constant("p", 0f, 1);
                }

                @Override
                protected NDArray mix(NDArray x) {
                    return out.apply(x).add(p.get().square().sqrt());
                }
            }
            """;

    @Test
    void stepsWithNonFiniteGradientsAreSkippedAndTooManyEndTheRunAsDiverged() throws Exception {
        MixerFactory broken = compiled(NAN_GRADIENT);

        ScreeningReport report = new ScreeningRun(PROFILE, TEXT).train(broken, 1, (s, n, l) -> { },
                new PrintWriter(Writer.nullWriter()));

        assertThat(failed(report).failure()).isEqualTo(FailureReason.DIVERGED);
        assertThat(failed(report).diagnostic()).isEqualTo("gradients were NaN or infinite at 6 steps (by step 5)");
    }

    @Test
    void interruptedAndResumedTrainingReachesTheSameLosses() throws Exception {
        ScreeningReport straight = new ScreeningRun(PROFILE, TEXT).train(deltaNet(), 3, (s, n, l) -> { },
                new PrintWriter(Writer.nullWriter()), Checkpointing.to(work.resolve("straight.bin"), step -> { }));

        Path checkpoint = work.resolve("interrupted.bin");
        List<Integer> written = new ArrayList<>();
        // Stopped while the tasks train beside it, in a second lane.
        assertThatThrownBy(() -> new ScreeningRun(PROFILE, TEXT, 2).train(deltaNet(), 3, (s, n, l) -> { },
                new PrintWriter(Writer.nullWriter()),
                Checkpointing.to(checkpoint, written::add).stoppingAfter(20)))
                .isInstanceOf(Checkpointing.Stopped.class);
        StringWriter log = new StringWriter();
        ScreeningReport resumed = new ScreeningRun(PROFILE, TEXT).train(deltaNet(), 3, (s, n, l) -> { },
                new PrintWriter(log), Checkpointing.to(checkpoint, written::add));

        assertThat(written).startsWith(10, 20);
        assertThat(log.toString()).contains("resumed from checkpoint at step 20");
        TrainingMetrics a = metrics(straight);
        TrainingMetrics b = metrics(resumed);
        assertThat(b.validationLoss()).isCloseTo(a.validationLoss(), within(1e-4));
        assertThat(b.trainLossCurve()).hasSameSizeAs(a.trainLossCurve());
        for (int i = 0; i < a.trainLossCurve().size(); i++) {
            assertThat(b.trainLossCurve().get(i)).isCloseTo(a.trainLossCurve().get(i), within(1e-4));
        }
        assertThat(b.benchmarks()).isEqualTo(a.benchmarks());
    }
}
