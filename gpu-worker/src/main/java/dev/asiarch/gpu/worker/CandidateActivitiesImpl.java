package dev.asiarch.gpu.worker;

import dev.asiarch.artifacts.ArtifactKey;
import dev.asiarch.artifacts.ArtifactStore;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.core.program.MixerSource;
import dev.asiarch.gpu.sandbox.CandidateProcess;
import dev.asiarch.gpu.sandbox.CandidateSandbox;
import dev.asiarch.gpu.sandbox.ChildJvm;
import dev.asiarch.gpu.sandbox.SandboxRequest;
import dev.asiarch.workflows.activities.CandidateActivities;
import dev.asiarch.workflows.activities.CheckReport;
import dev.asiarch.workflows.activities.ImplementRequest;
import dev.asiarch.workflows.activities.ScreenRequest;
import dev.asiarch.workflows.activities.ScreeningReport;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The GPU worker's activities: every candidate runs in a child JVM through {@link CandidateSandbox};
 * this process only compiles nothing, runs nothing of the candidate, heartbeats and stores artifacts.
 */
public final class CandidateActivitiesImpl implements CandidateActivities {

    private final CandidateSandbox sandbox;
    private final ArtifactStore artifacts;

    public CandidateActivitiesImpl(CandidateSandbox sandbox, ArtifactStore artifacts) {
        this.sandbox = sandbox;
        this.artifacts = artifacts;
    }

    @Override
    public CheckReport implement(ImplementRequest request) {
        ScreeningProfile profile = profile(request.profile());
        String file = "source/" + MixerSource.className(request.source()).orElse("Candidate") + ".java";
        artifacts.putText(ArtifactKey.experimentFile(request.campaignId(), request.experimentId(), file),
                request.source(), "text/x-java");
        CheckReport report = interruptible(() -> sandbox.check(request.experimentId(), request.source(), profile, 0L,
                heartbeats(new AtomicReference<>("checking"))));
        artifacts.putText(ArtifactKey.experimentFile(request.campaignId(), request.experimentId(), "checks.json"),
                sandbox.json().write(report), "application/json");
        return report;
    }

    @Override
    public ScreeningReport screen(ScreenRequest request) {
        ScreeningProfile profile = profile(request.profile());
        AtomicReference<String> progress = new AtomicReference<>("starting");
        ScreeningReport report = interruptible(() -> sandbox.train(request.experimentId(), request.source(), profile,
                request.seed(), heartbeats(progress)));
        Path log = sandbox.workDir(request.experimentId(), SandboxRequest.Mode.TRAIN).resolve(CandidateProcess.TRAIN_LOG);
        if (Files.exists(log)) {
            artifacts.put(ArtifactKey.experimentFile(request.campaignId(), request.experimentId(), "train.log"),
                    read(log), "text/plain; charset=utf-8");
        }
        artifacts.putText(ArtifactKey.experimentFile(request.campaignId(), request.experimentId(), "metrics.json"),
                sandbox.json().write(report), "application/json");
        return report;
    }

    /** Progress lines update the heartbeat detail; the tick sends it, so a dead worker is noticed. */
    private static ChildJvm.Listener heartbeats(AtomicReference<String> progress) {
        return new ChildJvm.Listener() {
            @Override
            public void line(String line) {
                if (line.startsWith(CandidateProcess.PROGRESS_PREFIX)) {
                    progress.set(line.substring(CandidateProcess.PROGRESS_PREFIX.length()));
                }
            }

            @Override
            public void tick() {
                Activity.getExecutionContext().heartbeat(progress.get());
            }
        };
    }

    private static ScreeningProfile profile(String name) {
        try {
            return ScreeningProfiles.byName(name);
        } catch (IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "UnknownProfile");
        }
    }

    private interface SandboxCall<T> {
        T run() throws InterruptedException;
    }

    private static <T> T interruptible(SandboxCall<T> call) {
        try {
            return call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the candidate ran", e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
