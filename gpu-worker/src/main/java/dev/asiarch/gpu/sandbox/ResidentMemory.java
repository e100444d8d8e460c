package dev.asiarch.gpu.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Resident memory of a process and its descendants, from {@code /proc} (0 where there is none). */
final class ResidentMemory {

    private ResidentMemory() {
    }

    static long ofTreeMb(ProcessHandle root) {
        try (Stream<ProcessHandle> descendants = root.descendants()) {
            long kb = ofProcessKb(root.pid()) + descendants.mapToLong(handle -> ofProcessKb(handle.pid())).sum();
            return kb / 1024;
        }
    }

    private static long ofProcessKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The process ended between listing and reading, or this is not Linux: nothing to count.
        }
        return 0;
    }
}
