package dev.asiarch.app.cli;

import dev.asiarch.app.gallery.GalleryRun;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.kernels.programs.Gallery;
import dev.asiarch.gpu.sandbox.CandidateSandbox;
import dev.asiarch.gpu.sandbox.ChildJvm;
import dev.asiarch.gpu.sandbox.ChildLimits;
import dev.asiarch.gpu.sandbox.RuntimeClassPath;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gallery}: screen known architectures with several seeds and print where they differ. */
@Command(name = "gallery", mixinStandardHelpOptions = true,
        description = "Screen gallery programs (softmax and linear attention, RetNet, DeltaNet, Gated DeltaNet, "
                + "Mamba2, the five published ASI-Arch designs, and a control that cannot see other tokens) "
                + "through the candidate path, with several seeds; print mean and spread per measure and save "
                + "every run as CSV. Runs locally in child JVMs; needs no Temporal.")
public final class GalleryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--profile", defaultValue = "cpu-tiny", paramLabel = "NAME",
            description = "screening profile (default: ${DEFAULT-VALUE})")
    private String profileName;

    @Option(names = "--seeds", defaultValue = "3", paramLabel = "S", description = "runs per program (default: ${DEFAULT-VALUE})")
    private int seeds;

    @Option(names = "--programs", split = ",", paramLabel = "NAME,...",
            description = "programs to screen (default: the whole gallery and the control)")
    private List<String> programs = new ArrayList<>();

    @Option(names = "--data-dir", defaultValue = "./asi-arch-data", paramLabel = "DIR",
            description = "work folders go under DIR/work, the CSV under DIR/gallery (default: ${DEFAULT-VALUE})")
    private Path dataDir;

    @Option(names = "--csv", paramLabel = "FILE", description = "where to write every run (default: DIR/gallery/<time>.csv)")
    private Path csv;

    @Option(names = "--child-heap", defaultValue = ChildLimits.DEFAULT_HEAP,
            description = "heap of each child JVM (default: ${DEFAULT-VALUE})")
    private String childHeap;

    @Option(names = "--child-memory", defaultValue = ChildLimits.DEFAULT_RESIDENT,
            description = "resident memory at which a child is killed (default: ${DEFAULT-VALUE})")
    private String childMemory;

    @Option(names = "--child-address-space", defaultValue = ChildLimits.DEFAULT_ADDRESS_SPACE,
            description = "virtual address space of a child, 0 for no limit (default: ${DEFAULT-VALUE})")
    private String childAddressSpace;

    @Option(names = "--threads", defaultValue = "" + ChildLimits.DEFAULT_THREADS,
            description = "PyTorch threads per child (default: ${DEFAULT-VALUE})")
    private int threads;

    private ChildLimits childLimits() {
        try {
            return ChildLimits.of(childHeap, childMemory, childAddressSpace, threads);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        ScreeningProfile profile;
        try {
            profile = ScreeningProfiles.byName(profileName);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--profile: " + e.getMessage());
        }
        if (seeds < 1) {
            throw new ParameterException(spec.commandLine(), "--seeds must be at least 1, was " + seeds);
        }
        List<String> names = programs.isEmpty() ? new ArrayList<>(Gallery.names()) : programs;
        if (programs.isEmpty()) {
            names.add(Gallery.CONTROL);
        }
        for (String name : names) {
            try {
                Gallery.source(name);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--programs: " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        CandidateSandbox sandbox = new CandidateSandbox(new ChildJvm(RuntimeClassPath.current(), childLimits()),
                dataDir.resolve("work").toAbsolutePath());
        GalleryRun run = new GalleryRun(sandbox, profile, out);
        out.printf("gallery: %d programs x %d seeds on profile %s%n", names.size(), seeds, profile.name());
        List<GalleryRun.Entry> entries = run.run(names, seeds);
        out.println();
        run.printTable(entries);
        out.println();
        run.printDifferences(entries);
        Path file = csv != null ? csv : dataDir.resolve("gallery")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                        + profile.name() + ".csv");
        run.writeCsv(entries, file);
        out.println("runs: " + file);
        out.flush();
        boolean allPassed = entries.stream().allMatch(e -> e.check().passed()
                && e.runs().stream().allMatch(r -> r.trained()));
        return allPassed ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
