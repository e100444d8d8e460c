package dev.asiarch.gpu.train;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a screening run keeps its checkpoint, whom it tells when one is written, and (for tests of
 * resumption) the step after which it stops as if killed. A run whose file already exists resumes
 * from it.
 */
public record Checkpointing(Optional<Path> file, OptionalInt stopAfter, Listener listener) {

    /** Told after each checkpoint is safely on disk. */
    @FunctionalInterface
    public interface Listener {
        void written(int step);
    }

    public static Checkpointing none() {
        return new Checkpointing(Optional.empty(), OptionalInt.empty(), step -> { });
    }

    public static Checkpointing to(Path file, Listener listener) {
        return new Checkpointing(Optional.of(file), OptionalInt.empty(), listener);
    }

    public Checkpointing stoppingAfter(int step) {
        return new Checkpointing(file, OptionalInt.of(step), listener);
    }

    /** Thrown when a run stops at {@link #stopAfter}, after its checkpoint is written. */
    public static final class Stopped extends RuntimeException {
        public Stopped(int step) {
            super("stopped after step " + step + " as asked");
        }
    }
}
