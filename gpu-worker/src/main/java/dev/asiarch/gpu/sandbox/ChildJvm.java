package dev.asiarch.gpu.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a main class in a separate JVM: bounded heap and native memory ({@link ChildLimits}), a
 * wall-clock limit that kills the whole process tree, an environment reduced to what the JVM needs
 * (no keys or tokens reach candidate code), and a bounded tail of its output kept for diagnostics.
 */
public final class ChildJvm {

    /** Environment variables a child may inherit; everything else, secrets included, is dropped. */
    private static final List<String> INHERITED_ENVIRONMENT = List.of(
            "PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "JAVA_HOME", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR",
            "PYTORCH_LIBRARY_PATH", "PYTORCH_FLAVOR", "PYTORCH_VERSION", "CUDA_VISIBLE_DEVICES",
            "LD_LIBRARY_PATH");
    private static final int TAIL_LINES = 200;
    private static final int MAX_LINE = 2000;
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration MEMORY_POLL = Duration.ofMillis(250);

    private final String classPath;
    private final ChildLimits limits;

    /** Receives the child's output as it comes, and a tick every second while it runs. */
    public interface Listener {
        void line(String line);

        void tick();

        /** A listener that ignores the output and runs {@code tick} every second. */
        static Listener onTick(Runnable tick) {
            return new Listener() {
                @Override
                public void line(String line) {
                }

                @Override
                public void tick() {
                    tick.run();
                }
            };
        }

        /** A listener that hands every output line to {@code line} and ignores the ticks. */
        static Listener onLine(Consumer<String> line) {
            return new Listener() {
                @Override
                public void line(String text) {
                    line.accept(text);
                }

                @Override
                public void tick() {
                }
            };
        }
    }

    /**
     * How the child ended.
     *
     * @param peakResidentMb the largest resident memory of its process tree seen while it ran
     * @param memoryExceeded it was killed for crossing the resident-memory limit
     */
    public record Outcome(int exitCode, boolean timedOut, boolean memoryExceeded, long peakResidentMb,
                          String outputTail) {
        public boolean outOfMemory() {
            return memoryExceeded || outputTail.contains("OutOfMemoryError") || outputTail.contains("std::bad_alloc")
                    || outputTail.contains("can't allocate memory");
        }
    }

    public ChildJvm(String classPath, ChildLimits limits) {
        this.classPath = classPath;
        this.limits = limits;
    }

    public ChildLimits limits() {
        return limits;
    }

    public Outcome run(String mainClass, List<String> args, Path workDir, Duration limit, Listener listener)
            throws InterruptedException {
        List<String> command = new ArrayList<>();
        if (limits.addressSpaceMb() > 0) {
            // The shell sets the limit and becomes the JVM (exec), so the child keeps one pid.
            command.addAll(List.of("/bin/sh", "-c", "ulimit -v " + limits.addressSpaceMb() * 1024 + " && exec \"$@\"",
                    "child-jvm"));
        }
        command.addAll(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + limits.heap(),
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+UseSerialGC",
                "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=" + limits.threads(),
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", classPath,
                mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        Map<String, String> parent = Map.copyOf(environment);
        environment.clear();
        for (String name : INHERITED_ENVIRONMENT) {
            if (parent.containsKey(name)) {
                environment.put(name, parent.get(name));
            }
        }

        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM for " + mainClass, e);
        }
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(() -> pump(process, tail, listener), "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + limit.toNanos();
        long nextTick = System.nanoTime() + TICK.toNanos();
        boolean timedOut = false;
        boolean memoryExceeded = false;
        long peakResidentMb = 0;
        try {
            while (!process.waitFor(MEMORY_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                long residentMb = ResidentMemory.ofTreeMb(process.toHandle());
                peakResidentMb = Math.max(peakResidentMb, residentMb);
                if (residentMb > limits.residentMb()) {
                    memoryExceeded = true;
                    break;
                }
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    break;
                }
                if (System.nanoTime() > nextTick) {
                    listener.tick();
                    nextTick = System.nanoTime() + TICK.toNanos();
                }
            }
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
        synchronized (tail) {
            if (memoryExceeded) {
                tail.addLast("killed: resident memory passed the limit of " + limits.residentMb() + " MiB");
            }
            boolean killed = timedOut || memoryExceeded;
            return new Outcome(killed ? -1 : process.exitValue(), timedOut, memoryExceeded, peakResidentMb,
                    String.join("\n", tail));
        }
    }

    private static void pump(Process process, Deque<String> tail, Listener listener) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String bounded = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + " [...]" : line;
                synchronized (tail) {
                    tail.addLast(bounded);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                listener.line(bounded);
            }
        } catch (IOException e) {
            // The process was killed while we read; what was read so far is in the tail.
        }
    }
}
