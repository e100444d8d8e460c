package dev.asiarch.gpu.sandbox;

import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.workflows.activities.CheckReport;
import dev.asiarch.workflows.activities.ScreeningReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Checks and trains candidates in child JVMs, one working folder per experiment and mode, and turns
 * whatever happened (a result, a crash, a timeout, an exhausted heap) into a report.
 */
public final class CandidateSandbox {

    private final ChildJvm jvm;
    private final Path workRoot;
    private final Duration checkTimeCap;
    private final SandboxJson json = new SandboxJson();

    public CandidateSandbox(ChildJvm jvm, Path workRoot) {
        this(jvm, workRoot, Duration.ofDays(1));
    }

    /** A sandbox whose checks end after {@code checkTimeCap} even where the profile allows longer. */
    public CandidateSandbox(ChildJvm jvm, Path workRoot, Duration checkTimeCap) {
        this.jvm = jvm;
        this.workRoot = workRoot;
        this.checkTimeCap = checkTimeCap;
    }

    /** The folder in which an experiment's child process runs in the given mode. */
    public Path workDir(String experimentId, SandboxRequest.Mode mode) {
        return workRoot.resolve(experimentId).resolve(mode.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Compiles and checks a candidate in a child JVM. */
    public CheckReport check(String experimentId, String source, ScreeningProfile profile, long seed,
                             ChildJvm.Listener listener) throws InterruptedException {
        return check(experimentId, source, profile, seed, false, listener);
    }

    /** Checks a reference program (softmax attention), which is exempt from the complexity bound. */
    public CheckReport checkReference(String experimentId, String source, ScreeningProfile profile, long seed,
                                      ChildJvm.Listener listener) throws InterruptedException {
        return check(experimentId, source, profile, seed, true, listener);
    }

    private CheckReport check(String experimentId, String source, ScreeningProfile profile, long seed,
                              boolean quadraticReference, ChildJvm.Listener listener) throws InterruptedException {
        SandboxRequest request = new SandboxRequest(SandboxRequest.Mode.CHECK, source, profile.name(), seed,
                quadraticReference);
        Duration limit = checkTimeCap.compareTo(profile.checkTimeout()) < 0 ? checkTimeCap : profile.checkTimeout();
        return run(experimentId, request, Optional.empty(), limit, listener, CheckReport.class,
                outcome -> CheckReport.fail(reasonOf(outcome), explain(outcome, limit)), 1);
    }

    /**
     * Trains in a child JVM; with {@code resumeFrom}, the run continues from that checkpoint (as
     * uploaded from an earlier attempt, perhaps on another machine).
     */
    public ScreeningReport train(String experimentId, String source, ScreeningProfile profile, long seed,
                                 Optional<byte[]> resumeFrom, ChildJvm.Listener listener) throws InterruptedException {
        SandboxRequest request = new SandboxRequest(SandboxRequest.Mode.TRAIN, source, profile.name(), seed, false);
        Duration limit = profile.trainTimeout();
        return run(experimentId, request, resumeFrom, limit, listener, ScreeningReport.class,
                outcome -> ScreeningReport.failed(reasonOf(outcome), explain(outcome, limit)),
                jvm.limits().trainingLanes());
    }

    /** The checkpoint the training child of an experiment writes. */
    public Path checkpointFile(String experimentId) {
        return workDir(experimentId, SandboxRequest.Mode.TRAIN).resolve(CandidateProcess.CHECKPOINT);
    }

    /** Runs the child; its result file if it wrote one and exited cleanly, else what went wrong. */
    private <T> T run(String experimentId, SandboxRequest request, Optional<byte[]> resumeFrom, Duration limit,
                      ChildJvm.Listener listener, Class<T> resultType, Function<ChildJvm.Outcome, T> failure,
                      int lanes) throws InterruptedException {
        Path dir = prepare(experimentId, request);
        if (resumeFrom.isPresent()) {
            write(dir.resolve(CandidateProcess.CHECKPOINT), resumeFrom.get());
        }
        ChildJvm.Outcome outcome = jvm.run(CandidateProcess.class.getName(), List.of(dir.toString()), dir, limit,
                listener, lanes);
        Path result = dir.resolve(CandidateProcess.RESULT);
        return Files.exists(result) && outcome.exitCode() == 0 ? json.read(result, resultType) : failure.apply(outcome);
    }

    public SandboxJson json() {
        return json;
    }

    private Path prepare(String experimentId, SandboxRequest request) {
        Path dir = workDir(experimentId, request.mode());
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> old = Files.walk(dir)) {
                    old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare work folder " + dir, e);
        }
        json.write(dir.resolve(CandidateProcess.REQUEST), request);
        return dir;
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static FailureReason reasonOf(ChildJvm.Outcome outcome) {
        if (outcome.timedOut()) {
            return FailureReason.TIMEOUT;
        }
        return outcome.outOfMemory() ? FailureReason.OUT_OF_MEMORY : FailureReason.CRASHED;
    }

    private String explain(ChildJvm.Outcome outcome, Duration limit) {
        String what = outcome.timedOut()
                ? "the candidate process exceeded its wall-clock limit of " + limit.toSeconds() + " s and was killed"
                : outcome.memoryExceeded()
                ? "the candidate process used more than its resident memory limit of " + jvm.limits().residentMb()
                        + " MiB and was killed"
                : "the candidate process exited with code " + outcome.exitCode() + " without a result";
        String tail = outcome.outputTail();
        int keep = 4000;
        return what + (tail.isBlank() ? "" : "; last output:\n"
                + (tail.length() > keep ? tail.substring(tail.length() - keep) : tail));
    }
}
