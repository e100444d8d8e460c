package dev.asiarch.gpu.sandbox;

import static dev.asiarch.gpu.testing.Reports.failed;
import static dev.asiarch.gpu.testing.Reports.metrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.core.program.SeedPrograms;
import dev.asiarch.gpu.testing.Candidates;
import dev.asiarch.gpu.testing.Slow;
import dev.asiarch.workflows.activities.CheckReport;
import dev.asiarch.workflows.activities.ScreeningReport;
import dev.asiarch.gpu.compile.InMemoryCompiler;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.gpu.data.EuroparlCorpus;
import dev.asiarch.gpu.train.Checkpointing;
import dev.asiarch.gpu.train.ScreeningRun;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Candidates run in a child JVM; this process only reads their reports. */
@Slow("checks and trains candidates in child JVMs")
class CandidateSandboxTest {

    @TempDir
    Path work;

    private CandidateSandbox sandbox() {
        return new CandidateSandbox(new ChildJvm(RuntimeClassPath.current(), ChildLimits.of("512m", "3g", "8g", 2)), work);
    }

    private static final class Recorder implements ChildJvm.Listener {
        final List<String> lines = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        @Override
        public synchronized void line(String line) {
            lines.add(line);
        }

        @Override
        public synchronized void event(String event) {
            events.add(event);
        }

        @Override
        public void tick() {
        }
    }

    @Test
    void checksAndTrainsTheSeedInAChildProcess() throws Exception {
        Recorder recorder = new Recorder();
        CandidateSandbox sandbox = sandbox();
        String source = SeedPrograms.source(SeedPrograms.DELTA_NET);

        CheckReport check = sandbox.check("e1", source, ScreeningProfiles.CPU_SMOKE, 0, recorder);
        ScreeningReport screening = sandbox.train("e1", source, ScreeningProfiles.CPU_SMOKE, 1, Optional.empty(),
                recorder);

        assertThat(check.passed()).as(check.toString()).isTrue();
        assertThat(screening.trained()).as(screening.toString()).isTrue();
        assertThat(metrics(screening).validationLoss()).isBetween(1.0, Math.log(256));
        assertThat(recorder.events).anyMatch(event -> event.startsWith(CandidateProcess.PROGRESS_PREFIX + "30 30 "));
        assertThat(recorder.events).contains(CandidateProcess.CHECKPOINT_PREFIX + "10", CandidateProcess.CHECKPOINT_PREFIX + "20");
        assertThat(recorder.lines).noneMatch(line -> line.startsWith(CandidateProcess.CHECKPOINT_PREFIX));
        assertThat(Files.readString(sandbox.workDir("e1", SandboxRequest.Mode.TRAIN).resolve(CandidateProcess.TRAIN_LOG)))
                .contains("step 30/30");
    }

    @Test
    void aChildResumesFromAnotherProcesssCheckpointToTheSameLosses() throws Exception {
        String source = SeedPrograms.source(SeedPrograms.DELTA_NET);
        MixerFactory deltaNet = InMemoryCompiler.forThisProcess().compile(source)
                .load(getClass().getClassLoader());
        ScreeningRun run = new ScreeningRun(ScreeningProfiles.CPU_SMOKE, EuroparlCorpus.load(
                ScreeningProfiles.CPU_SMOKE.corpusBytes(), ScreeningProfiles.CPU_SMOKE.validationFraction(),
                ScreeningProfiles.CPU_SMOKE.dataSeed()));
        ScreeningReport straight = run.train(deltaNet, 5, (s, n, l) -> { }, new PrintWriter(Writer.nullWriter()));
        Path checkpoint = work.resolve("killed.bin");
        assertThatThrownBy(() -> run.train(deltaNet, 5, (s, n, l) -> { }, new PrintWriter(Writer.nullWriter()),
                Checkpointing.to(checkpoint, step -> { }).stoppingAfter(10))).isInstanceOf(Checkpointing.Stopped.class);

        ScreeningReport resumed = sandbox().train("e4", source, ScreeningProfiles.CPU_SMOKE, 5,
                Optional.of(Files.readAllBytes(checkpoint)), new Recorder());

        assertThat(Files.readString(sandbox().workDir("e4", SandboxRequest.Mode.TRAIN).resolve(CandidateProcess.TRAIN_LOG)))
                .contains("resumed from checkpoint at step 10");
        assertThat(metrics(resumed).validationLoss())
                .isCloseTo(metrics(straight).validationLoss(), within(1e-4));
    }

    @Test
    void futurePeekingAndNonCompilingCandidatesComeBackAsReports() throws Exception {
        CandidateSandbox sandbox = sandbox();

        CheckReport peeking = sandbox.check("e2", Candidates.PEEKS_AT_NEXT_TOKEN, ScreeningProfiles.CPU_SMOKE, 0,
                new Recorder());
        CheckReport broken = sandbox.check("e3", Candidates.DOES_NOT_COMPILE, ScreeningProfiles.CPU_SMOKE, 0,
                new Recorder());

        assertThat(failed(peeking).failure()).isEqualTo(FailureReason.NON_CAUSAL);
        assertThat(failed(broken).failure()).isEqualTo(FailureReason.COMPILE_ERROR);
        assertThat(failed(broken).diagnostic()).contains("frobnicate");
    }

    @Test
    void eventsComeOnlyThroughTheChannelAndAMalformedOneNeverStopsTheReading() throws Exception {
        List<Integer> checkpoints = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        ChildJvm.Listener listener = new ChildJvm.Listener() {
            @Override
            public synchronized void line(String line) {
                lines.add(line);
            }

            @Override
            public void tick() {
            }

            @Override
            public synchronized void event(String event) {
                checkpoints.add(Integer.parseInt(event.substring("checkpoint ".length())));
            }
        };
        ChildJvm jvm = new ChildJvm(RuntimeClassPath.current(), ChildLimits.of("256m", "1g", "0", 1));

        ChildJvm.Outcome outcome = jvm.run(EventWriter.class.getName(), List.of(work.toString()), work,
                java.time.Duration.ofSeconds(60), listener);

        assertThat(outcome.exitCode()).isZero();
        assertThat(checkpoints).containsExactly(10, 20);
        assertThat(lines).contains("checkpoint 999").hasSizeGreaterThan(20_000);
        assertThat(outcome.outputTail()).contains("skipped event 'checkpoint not-a-number'")
                .contains("skipped an event of more than");
    }

    @Test
    void aChildThatDiesWithoutAResultIsACrashWithItsOutput() throws Exception {
        Recorder recorder = new Recorder();
        ChildJvm jvm = new ChildJvm(RuntimeClassPath.current(), ChildLimits.of("256m", "1g", "0", 1));

        ChildJvm.Outcome outcome = jvm.run(CandidateProcess.class.getName(), List.of(), work,
                java.time.Duration.ofSeconds(60), recorder);

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.outputTail()).contains("usage: CandidateProcess <work-dir>");
    }
}
