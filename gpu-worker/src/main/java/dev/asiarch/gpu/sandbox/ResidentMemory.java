package dev.asiarch.gpu.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Resident memory of a process and its descendants, from {@code /proc} (0 where there is none). */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    static long ofTreeMb(ProcessHandle root) {
        try (Stream<ProcessHandle> descendants = root.descendants()) {
            long kb = ofProcessKb(root.pid()) + descendants.mapToLong(handle -> ofProcessKb(handle.pid())).sum();
            return kb / 1024;
        }
    }

    private static long ofProcessKb(long pid) {
        return statusKb(pid, "VmRSS:");
    }

    /** A kB figure of a process's {@code /proc/<pid>/status}, such as {@code VmHWM:} (its peak resident size). */
    public static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The process ended between listing and reading, or this is not Linux: nothing to count.
        }
        return 0;
    }
}
