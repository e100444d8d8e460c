package dev.asiarch.gpu.sandbox;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * The child's messages come through its {@link EventChannel}, read as the file grows; a message the
 * listener cannot take is noted in the tail and skipped, never stops the reading.
 */
public final class ChildJvm {

    /** Environment variables a child may inherit; everything else, secrets included, is dropped. */
    private static final List<String> INHERITED_ENVIRONMENT = List.of(
            "PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "JAVA_HOME", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR",
            "PYTORCH_LIBRARY_PATH", "PYTORCH_FLAVOR", "PYTORCH_VERSION", "CUDA_VISIBLE_DEVICES",
            "LD_LIBRARY_PATH", "ASIARCH_FUSED_KERNELS");
    /**
     * glibc malloc settings for every child: one arena, and freed native memory kept (the mmap
     * threshold at its largest, 32 MiB, and a trim threshold of 1 GiB), so that a training step reuses
     * the pages of the step before instead of handing them back and paying first-touch page faults
     * for them again. A parent environment that sets one of them keeps its own values.
     */
    static final Map<String, String> NATIVE_ALLOCATOR = Map.of(
            "MALLOC_ARENA_MAX", "1",
            "MALLOC_MMAP_THRESHOLD_", String.valueOf(32L << 20),
            "MALLOC_TRIM_THRESHOLD_", String.valueOf(1L << 30));
    /** The system property that tells a child how many lanes its threads are shared among. */
    public static final String LANES_PROPERTY = "asiarch.lanes";
    private static final int TAIL_LINES = 200;
    private static final int MAX_LINE = 2000;
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration MEMORY_POLL = Duration.ofMillis(250);

    private final String classPath;
    private final ChildLimits limits;

    /** Receives the child's output and events as they come, and a tick every second while it runs. */
    public interface Listener {
        void line(String line);

        void tick();

        /** One line the child sent through its {@link EventChannel}. */
        default void event(String event) {
        }

        /** A listener that hands every event to {@code event} and ignores the output and the ticks. */
        static Listener onEvent(Consumer<String> event) {
            return new Listener() {
                @Override
                public void line(String line) {
                }

                @Override
                public void tick() {
                }

                @Override
                public void event(String text) {
                    event.accept(text);
                }
            };
        }

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
            return memoryExceeded || OutOfMemory.isMessage(outputTail);
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
        return run(mainClass, args, workDir, limit, listener, 1);
    }

    /**
     * Runs a child whose work goes on {@code lanes} threads at once (see {@link ChildLimits#trainingLanes()}):
     * its threads are shared among them, so that the lanes together use what one child may. The lane
     * count reaches the child as the {@value #LANES_PROPERTY} property; {@code OMP_NUM_THREADS} bounds
     * the operations of every thread, those PyTorch did not start included, to the lane's share.
     */
    public Outcome run(String mainClass, List<String> args, Path workDir, Duration limit, Listener listener,
                       int lanes) throws InterruptedException {
        if (lanes < 1) {
            throw new IllegalArgumentException("a child needs at least one lane, was " + lanes);
        }
        int threadsPerLane = Math.max(1, limits.threads() / lanes);
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
                "-Dai.djl.pytorch.num_threads=" + threadsPerLane,
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-D" + LANES_PROPERTY + "=" + lanes,
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
        environment.put("OMP_NUM_THREADS", String.valueOf(threadsPerLane));
        if (NATIVE_ALLOCATOR.keySet().stream().noneMatch(parent::containsKey)) {
            environment.putAll(NATIVE_ALLOCATOR);
        } else {
            NATIVE_ALLOCATOR.keySet().stream().filter(parent::containsKey)
                    .forEach(name -> environment.put(name, parent.get(name)));
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
        EventReader events = new EventReader(workDir.resolve(EventChannel.FILE), listener);
        long deadline = System.nanoTime() + limit.toNanos();
        long nextTick = System.nanoTime() + TICK.toNanos();
        boolean timedOut = false;
        boolean memoryExceeded = false;
        long peakResidentMb = 0;
        try {
            while (!process.waitFor(MEMORY_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                events.poll();
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
        events.poll();
        synchronized (tail) {
            // What the event reader skipped goes after the output, however much output there was.
            tail.addAll(events.notes());
            if (memoryExceeded) {
                tail.addLast("killed: resident memory passed the limit of " + limits.residentMb() + " MiB");
            }
            boolean killed = timedOut || memoryExceeded;
            return new Outcome(killed ? -1 : process.exitValue(), timedOut, memoryExceeded, peakResidentMb,
                    String.join("\n", tail));
        }
    }

    /**
     * Reads the complete lines appended to the event file since the last poll. What it skips it notes
     * apart from the output, so that a child's chatter cannot push the notes out of the tail.
     */
    private static final class EventReader {
        private static final int MAX_NOTES = 20;
        private final Path file;
        private final Listener listener;
        private final List<String> notes = new ArrayList<>();
        private int unnoted;
        private long offset;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        EventReader(Path file, Listener listener) {
            this.file = file;
            this.listener = listener;
        }

        /** The notes, in order, the first {@value #MAX_NOTES} of them and a count of the rest. */
        List<String> notes() {
            List<String> all = new ArrayList<>(notes);
            if (unnoted > 0) {
                all.add("and " + unnoted + " more skipped events");
            }
            return all;
        }

        void poll() {
            if (!Files.exists(file)) {
                return;
            }
            try (SeekableByteChannel channel = Files.newByteChannel(file)) {
                channel.position(offset);
                ByteBuffer buffer = ByteBuffer.allocate(8192);
                int read;
                while ((read = channel.read(buffer)) > 0) {
                    offset += read;
                    for (int i = 0; i < read; i++) {
                        byte b = buffer.get(i);
                        if (b == '\n') {
                            deliver(partial.toString(StandardCharsets.UTF_8));
                            partial.reset();
                        } else if (partial.size() <= EventChannel.MAX_LINE) {
                            partial.write(b);
                        }
                    }
                    buffer.clear();
                }
            } catch (IOException e) {
                note("event channel unreadable: " + e.getMessage());
            }
        }

        private void deliver(String event) {
            if (event.length() > EventChannel.MAX_LINE) {
                note("skipped an event of more than " + EventChannel.MAX_LINE + " characters");
                return;
            }
            try {
                listener.event(event);
            } catch (RuntimeException e) {
                note("skipped event '" + event + "': " + e);
            }
        }

        private void note(String text) {
            if (notes.size() < MAX_NOTES) {
                notes.add(text);
            } else {
                unnoted++;
            }
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
                try {
                    listener.line(bounded);
                } catch (RuntimeException e) {
                    // A listener that cannot take a line must not stop the draining: a full pipe would block the child.
                }
            }
        } catch (IOException e) {
            // The process was killed while we read; what was read so far is in the tail.
        }
    }
}
