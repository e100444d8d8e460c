package dev.asiarch.gpu.sandbox;

import ai.djl.engine.Engine;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.core.profile.ScreeningProfiles;
import dev.asiarch.gpu.checks.MixerChecks;
import dev.asiarch.gpu.compile.CompilationException;
import dev.asiarch.gpu.compile.CompiledMixer;
import dev.asiarch.gpu.compile.InMemoryCompiler;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.gpu.compile.PolicyViolationException;
import dev.asiarch.gpu.data.EuroparlCorpus;
import dev.asiarch.gpu.policy.CandidateClassLoader;
import dev.asiarch.gpu.train.Checkpointing;
import dev.asiarch.gpu.train.ScreeningRun;
import dev.asiarch.workflows.activities.CheckReport;
import dev.asiarch.workflows.activities.ScreeningReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import dev.asiarch.core.experiment.Diagnostic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The entry point of the child JVM in which candidate code runs. Reads {@code request.json} from its
 * working folder, compiles the candidate in memory, checks or trains it, and writes
 * {@code result.json} (a check report or a screening report); progress goes to its {@link EventChannel}
 * as {@code progress <step> <steps> <loss>} events, each checkpoint written to {@code checkpoint.bin} as
 * a {@code checkpoint <step>} event, and the training log to {@code train.log}. A {@code checkpoint.bin}
 * present at start is resumed from. Whatever the candidate throws, checked exceptions smuggled out of
 * {@code mix} included, ends as a report with its category, never as an exception out of this process.
 */
public final class CandidateProcess {

    public static final String REQUEST = "request.json";
    public static final String RESULT = "result.json";
    public static final String TRAIN_LOG = "train.log";
    public static final String CHECKPOINT = "checkpoint.bin";
    public static final String PROGRESS_PREFIX = "progress ";
    public static final String CHECKPOINT_PREFIX = "checkpoint ";

    private CandidateProcess() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CandidateProcess <work-dir>");
            System.exit(2);
        }
        Path workDir = Paths.get(args[0]);
        SandboxJson json = new SandboxJson();
        SandboxRequest request = json.read(workDir.resolve(REQUEST), SandboxRequest.class);
        Object result;
        try (EventChannel events = EventChannel.open(workDir)) {
            result = request.mode() == SandboxRequest.Mode.CHECK ? check(request) : train(request, workDir, events);
        }
        json.write(workDir.resolve(RESULT), result);
        System.out.flush();
        // PyTorch's thread pools can keep a JVM alive; the result is written, so leave now.
        System.exit(0);
    }

    private static CheckReport check(SandboxRequest request) {
        ScreeningProfile profile = ScreeningProfiles.byName(request.profile());
        MixerFactory factory;
        try {
            factory = compile(request.source());
        } catch (CompilationException e) {
            return CheckReport.fail(FailureReason.COMPILE_ERROR, e.getMessage());
        } catch (PolicyViolationException e) {
            return CheckReport.fail(FailureReason.POLICY_VIOLATION, e.getMessage());
        } catch (IllegalArgumentException e) {
            return CheckReport.fail(FailureReason.SHAPE_MISMATCH, e.getMessage());
        }
        try {
            return MixerChecks.run(factory, profile, request.seed(), request.quadraticReference());
        } catch (Throwable e) {
            // Candidate code can throw anything, checked exceptions included (a generic method can
            // smuggle one out of mix); each is the candidate's failure, not this process's.
            return CheckReport.fail(reasonOf(e), describe(e, request.source()));
        }
    }

    /**
     * What a throwable out of candidate code means: a class the loader refused, an allocation the
     * engine (CPU or CUDA) or the JVM could not satisfy, or any other crash. A cause chain that loops
     * is read once round.
     */
    static FailureReason reasonOf(Throwable error) {
        for (Throwable cause : causes(error)) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof CandidateClassLoader.PolicyViolationError
                    || message.contains(CandidateClassLoader.REFUSAL)) {
                return FailureReason.POLICY_VIOLATION;
            }
            if (cause instanceof OutOfMemoryError || OutOfMemory.isMessage(message)) {
                return FailureReason.OUT_OF_MEMORY;
            }
        }
        return FailureReason.CRASHED;
    }

    /** The throwable and its causes, each once, however they loop, and at most a few dozen. */
    static List<Throwable> causes(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = error; cause != null && seen.add(cause) && chain.size() < 32; cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    private static ScreeningReport train(SandboxRequest request, Path workDir, EventChannel events)
            throws IOException {
        ScreeningProfile profile = ScreeningProfiles.byName(request.profile());
        try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(workDir.resolve(TRAIN_LOG),
                StandardCharsets.UTF_8))) {
            MixerFactory factory;
            try {
                factory = compile(request.source());
            } catch (CompilationException e) {
                return ScreeningReport.failed(FailureReason.COMPILE_ERROR, e.getMessage());
            } catch (PolicyViolationException e) {
                return ScreeningReport.failed(FailureReason.POLICY_VIOLATION, e.getMessage());
            }
            try {
                ScreeningRun run = new ScreeningRun(profile,
                        EuroparlCorpus.load(profile.corpusBytes(), profile.validationFraction(), profile.dataSeed()),
                        lanes());
                return run.train(factory, request.seed(), (step, steps, loss) -> events.send(
                        String.format(Locale.ROOT, "%s%d %d %.5f", PROGRESS_PREFIX, step, steps, loss)), log,
                        Checkpointing.to(workDir.resolve(CHECKPOINT), step -> events.send(CHECKPOINT_PREFIX + step)));
            } catch (Throwable e) {
                String diagnostic = describe(e, request.source());
                log.println("failed: " + diagnostic);
                return ScreeningReport.failed(reasonOf(e), diagnostic);
            }
        }
    }

    /**
     * The lanes the parent gave this child, on a CPU; one on a GPU, where the parts would queue on the
     * same device and the text's tokens per second would be measured beside them.
     */
    private static int lanes() {
        int given = Math.max(1, Integer.getInteger(ChildJvm.LANES_PROPERTY, 1));
        return Engine.getInstance().defaultDevice().isGpu() ? 1 : given;
    }

        private static MixerFactory compile(String source) throws CompilationException, PolicyViolationException {
        // The constructor runs candidate code too; what it throws is caught with the rest of the run.
        CompiledMixer compiled = InMemoryCompiler.forThisProcess().compile(source);
        return compiled.load(CandidateProcess.class.getClassLoader());
    }

    /** The exception and the candidate's own frames, so the diagnostic points at its lines; bounded. */
    static String describe(Throwable error, String source) {
        String candidateClass = dev.asiarch.core.program.MixerSource.className(source).orElse("?");
        List<Throwable> chain = causes(error);
        Throwable root = chain.get(chain.size() - 1);
        String frames = Arrays.stream(root.getStackTrace())
                .filter(frame -> frame.getClassName().equals(candidateClass)
                        || frame.getClassName().startsWith(candidateClass + "$"))
                .limit(5)
                .map(frame -> "  at " + frame.getMethodName() + " (line " + frame.getLineNumber() + ")")
                .collect(Collectors.joining("\n"));
        String message = Diagnostic.bounded(String.valueOf(root.getMessage()), Diagnostic.LIMIT - 1000);
        return Diagnostic.bounded(root.getClass().getSimpleName() + ": " + message
                + (frames.isEmpty() ? "" : "\n" + frames));
    }
}
