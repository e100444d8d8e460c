package dev.asiarch.app.cli;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.app.AsiArchApplication;
import dev.asiarch.artifacts.ArtifactKey;
import dev.asiarch.artifacts.ArtifactStore;
import dev.asiarch.core.experiment.ArtifactLayout;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.core.program.MixerSource;
import dev.asiarch.gpu.data.EuroparlCorpus;
import dev.asiarch.gpu.sandbox.CandidateSandbox;
import dev.asiarch.gpu.sandbox.ChildJvm;
import dev.asiarch.gpu.sandbox.CandidateProcess;
import dev.asiarch.gpu.worker.ReproducibilityManifest;
import dev.asiarch.workflows.activities.ScreeningReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code replay}: screen a recorded experiment again from its record and reproducibility manifest
 * (same source, profile, seed and data), in a child JVM like the first time, and compare validation
 * losses. Needs no Temporal: only the store, the object store and the sandbox.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Train a recorded experiment again from its manifest and check that it reproduces its "
                + "validation loss.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:reproduced within the tolerance", "1:not reproduced (the difference is printed)",
                "2:bad command line, or an experiment that cannot be replayed (not trained, no manifest)",
                "3:could not start (the database is in use by a running campaign, a bad setting)",
                "4:no such experiment in the data folder"})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "an experiment id, e.g. c-20261122-052839-d0f0-e001")
    private String experimentId;

    @Option(names = "--tolerance", defaultValue = "0.001", paramLabel = "NATS",
            description = "largest difference in validation loss that still counts as reproduced (default: ${DEFAULT-VALUE})")
    private double tolerance;

    @Mixin
    private ApplicationOptions application;


    @Override
    public Integer call() throws Exception {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            return refuse("--tolerance must be a number of nats >= 0, was " + tolerance);
        }
        PrintWriter out = spec.commandLine().getOut();
        Optional<ConfigurableApplicationContext> started = ApplicationStart.start(AsiArchApplication.readingRecords(),
                application.springArguments(), spec, "asi-arch replay");
        if (started.isEmpty()) {
            return ExitCodes.STARTUP;
        }
        try (ConfigurableApplicationContext context = started.get()) {
            ExperimentStore store = context.getBean(ExperimentStore.class);
            Optional<ExperimentRecord> found = store.find(experimentId);
            if (found.isEmpty()) {
                return refuse(ExitCodes.NOT_FOUND, "no experiment '" + experimentId + "' in this data folder; ids look like "
                        + "c-20261122-052839-d0f0-e001 (discover prints them)");
            }
            ExperimentRecord record = found.get();
            if (record.status() != ExperimentStatus.TRAINED) {
                return refuse("experiment " + experimentId + " ended " + record.status()
                        + record.failureReason().map(reason -> " (" + reason + ")").orElse("")
                        + ": only trained experiments have a validation loss to reproduce");
            }
            ArtifactStore artifacts = context.getBean(ArtifactStore.class);
            ArtifactKey manifestKey = ArtifactKey.experimentFile(record.campaignId(), experimentId, ArtifactLayout.MANIFEST);
            if (!artifacts.exists(manifestKey)) {
                return refuse("experiment " + experimentId + " has no " + manifestKey.path()
                        + " (it was screened before manifests were written), so its seed is unknown");
            }
            CandidateSandbox sandbox = context.getBean(CandidateSandbox.class);
            ReproducibilityManifest manifest = sandbox.json().read(artifacts.getText(manifestKey),
                    ReproducibilityManifest.class);
            ScreeningProfile profile = ScreeningProfiles.byName(manifest.profile());
            out.printf(Locale.ROOT, "replaying %s (%s): profile %s, seed %d, source %s...%n", experimentId,
                    record.name(), manifest.profile(), manifest.seed(), manifest.sourceSha256().substring(0, 12));
            differences(record, manifest, profile).forEach(line -> out.println("warning: " + line));
            out.flush();
            ScreeningReport report = sandbox.train(experimentId + "-replay", record.source(), profile, manifest.seed(),
                    Optional.empty(), ChildJvm.Listener.onEvent(event -> {
                        if (event.startsWith(CandidateProcess.PROGRESS_PREFIX)) {
                            out.println("  " + event.substring(CandidateProcess.PROGRESS_PREFIX.length()));
                            out.flush();
                        }
                    }));
            if (report instanceof ScreeningReport.Failed failed) {
                out.println("not reproduced: the replay ended " + failed.failure() + ": " + failed.diagnostic());
                return ExitCodes.FAILED;
            }
            double recorded = record.metrics().orElseThrow().validationLoss();
            double now = ((ScreeningReport.Trained) report).metrics().validationLoss();
            boolean same = Math.abs(now - recorded) <= tolerance;
            out.printf(Locale.ROOT, "validation loss %.4f recorded, %.4f now (difference %.4f, tolerance %.4f): %s%n",
                    recorded, now, Math.abs(now - recorded), tolerance, same ? "reproduced" : "NOT reproduced");
            return same ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /** What differs between the recorded run and this replay's inputs. */
    static List<String> differences(ExperimentRecord record, ReproducibilityManifest manifest, ScreeningProfile profile) {
        List<String> lines = new ArrayList<>();
        if (!MixerSource.sha256(record.source()).equals(manifest.sourceSha256())) {
            lines.add("the recorded source's hash differs from the manifest's");
        }
        if (!profile.toString().equals(manifest.profileSettings())) {
            lines.add("profile " + profile.name() + " has changed since the experiment ran");
        }
        if (!EuroparlCorpus.sha256().equals(manifest.dataSha256())) {
            lines.add("the corpus differs from the one the experiment was trained on");
        }
        return lines;
    }

    private int refuse(String message) {
        return refuse(ExitCodes.USAGE, message);
    }

    private int refuse(int exitCode, String message) {
        spec.commandLine().getErr().println("asi-arch replay: " + message);
        spec.commandLine().getErr().flush();
        return exitCode;
    }

}
