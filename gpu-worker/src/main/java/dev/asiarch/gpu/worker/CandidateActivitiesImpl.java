package dev.asiarch.gpu.worker;

import dev.asiarch.artifacts.ArtifactKey;
import dev.asiarch.artifacts.ArtifactStore;
import dev.asiarch.core.experiment.ArtifactLayout;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.core.program.MixerSource;
import dev.asiarch.gpu.data.EuroparlCorpus;
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
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The GPU worker's activities: every candidate runs in a child JVM through {@link CandidateSandbox};
 * this process only compiles nothing, runs nothing of the candidate, heartbeats and stores artifacts.
 */
public final class CandidateActivitiesImpl implements CandidateActivities {

    private final CandidateSandbox sandbox;
    private final ArtifactStore artifacts;
    // What every manifest of this worker repeats: the corpus (9.7 MB to hash) and the libraries do not
    // change while it runs.
    private final String corpusSha256 = EuroparlCorpus.sha256();
    private final Map<String, String> libraries = LibraryVersions.current();

    public CandidateActivitiesImpl(CandidateSandbox sandbox, ArtifactStore artifacts) {
        this.sandbox = sandbox;
        this.artifacts = artifacts;
    }

    @Override
    public CheckReport implement(ImplementRequest request) {
        ScreeningProfile profile = profile(request.profile());
        String file = MixerSource.className(request.source()).orElse("Candidate") + ".java";
        // The latest attempt's files sit at the top (they are what gets screened); every attempt is
        // also kept under attempts/<round>/.
        ArtifactKey sourceKey = ArtifactKey.experimentFile(request.campaignId(), request.experimentId(), ArtifactLayout.source(file));
        ArtifactKey attemptSource = ArtifactKey.experimentFile(request.campaignId(), request.experimentId(),
                ArtifactLayout.attemptFile(request.round(), file));
        artifacts.putText(sourceKey, request.source(), "text/x-java");
        artifacts.putText(attemptSource, request.source(), "text/x-java");
        CheckReport report = interruptible(() -> sandbox.check(request.experimentId(), request.source(), profile, 0L,
                ChildJvm.Listener.onTick(() -> Activity.getExecutionContext()
                        .heartbeat(new TrainingHeartbeat("checking", "", 0)))));
        String json = sandbox.json().write(report);
        artifacts.putText(ArtifactKey.experimentFile(request.campaignId(), request.experimentId(), ArtifactLayout.CHECKS),
                json, "application/json");
        artifacts.putText(ArtifactKey.experimentFile(request.campaignId(), request.experimentId(),
                ArtifactLayout.attemptFile(request.round(), ArtifactLayout.CHECKS)), json, "application/json");
        return report;
    }

    /**
     * Trains in a child JVM. Each checkpoint the child writes is uploaded and its key heartbeated, so
     * when this worker dies, the retry (on any worker) downloads it and continues from there.
     */
    @Override
    public ScreeningReport screen(ScreenRequest request) {
        ScreeningProfile profile = profile(request.profile());
        artifacts.putText(ArtifactKey.experimentFile(request.campaignId(), request.experimentId(), ArtifactLayout.MANIFEST),
                sandbox.json().write(manifest(request, profile)), "application/json");
        ArtifactKey checkpointKey = ArtifactKey.experimentFile(request.campaignId(), request.experimentId(),
                ArtifactLayout.CHECKPOINT);
        Optional<TrainingHeartbeat> previous = Activity.getExecutionContext()
                .getHeartbeatDetails(TrainingHeartbeat.class);
        Optional<byte[]> resumeFrom = previous.filter(TrainingHeartbeat::hasCheckpoint)
                .map(heartbeat -> artifacts.get(new ArtifactKey(heartbeat.checkpointKey())));
        AtomicReference<TrainingHeartbeat> state = new AtomicReference<>(
                previous.orElse(new TrainingHeartbeat("starting", "", 0)));
        // The child's output is read on another thread; the context may heartbeat from any thread.
        ActivityExecutionContext context = Activity.getExecutionContext();
        ChildJvm.Listener listener = new ChildJvm.Listener() {
            @Override
            public void line(String line) {
            }

            @Override
            public void event(String event) {
                if (event.startsWith(CandidateProcess.PROGRESS_PREFIX)) {
                    state.updateAndGet(s -> s.withProgress(event.substring(CandidateProcess.PROGRESS_PREFIX.length())));
                } else if (event.startsWith(CandidateProcess.CHECKPOINT_PREFIX)) {
                    // Malformed numbers throw here; ChildJvm notes the event as skipped and reads on.
                    int step = Integer.parseInt(event.substring(CandidateProcess.CHECKPOINT_PREFIX.length()).trim());
                    artifacts.put(checkpointKey, read(sandbox.checkpointFile(request.experimentId())),
                            "application/octet-stream");
                    // At once, not at the next tick: a worker that dies now must leave this key behind.
                    context.heartbeat(state.updateAndGet(s -> s.withCheckpoint(checkpointKey.path(), step)));
                }
            }

            @Override
            public void tick() {
                context.heartbeat(state.get());
            }
        };
        ScreeningReport report = interruptible(() -> sandbox.train(request.experimentId(), request.source(), profile,
                request.seed(), resumeFrom, listener));
        Path log = sandbox.workDir(request.experimentId(), SandboxRequest.Mode.TRAIN).resolve(CandidateProcess.TRAIN_LOG);
        if (Files.exists(log)) {
            artifacts.put(ArtifactKey.experimentFile(request.campaignId(), request.experimentId(), ArtifactLayout.TRAIN_LOG),
                    read(log), "text/plain; charset=utf-8");
        }
        artifacts.putText(ArtifactKey.experimentFile(request.campaignId(), request.experimentId(), ArtifactLayout.METRICS),
                sandbox.json().write(report), "application/json");
        return report;
    }

    private ReproducibilityManifest manifest(ScreenRequest request, ScreeningProfile profile) {
        return new ReproducibilityManifest(request.experimentId(), request.campaignId(), request.parentId(),
                MixerSource.sha256(request.source()), request.models(), profile.name(), profile.toString(), request.seed(),
                EuroparlCorpus.resource(), corpusSha256, libraries);
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
