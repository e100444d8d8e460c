package dev.asiarch.kernels.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CUDA driver the kernels' tests run against on a machine without one: {@code emulated_driver.cpp}
 * with {@code delta_rule.cu}, built here with g++ as {@code libcuda.so.1} and loaded before JavaCPP's
 * CUDA natives, which link against that soname (a loaded soname satisfies the dependency). One driver per
 * process, so every test that needs one comes here; where a real driver is installed nothing is loaded.
 */
public final class EmulatedDriver {

    private static Boolean emulated;

    private EmulatedDriver() {
    }

    /** Whether the emulated driver is this process's driver (false: a real one is installed). */
    public static synchronized boolean load() throws IOException, InterruptedException {
        if (emulated == null) {
            emulated = !realDriverPresent();
            if (emulated) {
                System.load(build().toString());
            }
        }
        return emulated;
    }

    /**
     * The fused kernels loaded through the emulated driver for the host's arrays; the calling test is
     * skipped (an assumption) where a real driver is installed.
     */
    public static FusedDeltaRule hostKernels() throws IOException, InterruptedException {
        assumeTrue(load(), "a real CUDA driver is installed; these tests run against the emulated one");
        return FusedDeltaRule.load(0, Device.cpu());
    }

    private static Path build() throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("emulated-cuda-driver");
        Files.writeString(folder.resolve(KernelSources.DELTA_RULE), KernelSources.read(KernelSources.DELTA_RULE));
        for (String name : List.of("on_the_host.h", "emulated_driver.cpp")) {
            try (InputStream in = EmulatedDriver.class.getResourceAsStream(name)) {
                Files.write(folder.resolve(name), in.readAllBytes());
            }
        }
        Path library = folder.resolve("libcuda.so.1");
        Process gcc = new ProcessBuilder("g++", "-O2", "-std=c++17", "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC",
                "-Wl,-soname,libcuda.so.1", "-o", library.toString(), folder.resolve("emulated_driver.cpp").toString())
                .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(2, TimeUnit.MINUTES) && gcc.exitValue() == 0).as("g++: %s", output).isTrue();
        return library;
    }

    private static boolean realDriverPresent() {
        List<String> folders = new ArrayList<>(List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib",
                "/usr/local/cuda/compat", "/usr/lib/wsl/lib"));
        String path = System.getenv("LD_LIBRARY_PATH");
        if (path != null) {
            folders.addAll(List.of(path.split(":")));
        }
        return folders.stream().anyMatch(folder -> !folder.isEmpty() && Files.exists(Path.of(folder, "libcuda.so.1")));
    }
}
