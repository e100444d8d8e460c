package dev.asiarch.kernels.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kernel source compiles with NVRTC, without a single warning, for every architecture we target,
 * on a machine with or without a GPU. Without a driver, JavaCPP's CUDA natives do not load (they link
 * against libcuda.so.1), so the test first loads a stub driver built here with gcc, whose few functions
 * answer "no device"; NVRTC itself never calls the driver.
 */
class NvrtcCompileTest {

    @TempDir
    static Path stubFolder;

    @BeforeAll
    static void aDriverToLinkAgainst() throws Exception {
        if (realDriverPresent()) {
            return;
        }
        Path source = stubFolder.resolve("cuda_stub.c");
        Files.writeString(source, """
                /* A CUDA driver with no device: enough for the natives to load and for NVRTC to run. */
                int cuInit(unsigned int flags) { (void) flags; return 100; }
                int cuDriverGetVersion(int* version) { *version = 0; return 100; }
                int cuDeviceGetCount(int* count) { *count = 0; return 100; }
                """);
        Path library = stubFolder.resolve("libcuda.so.1");
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-Wl,-soname,libcuda.so.1", "-o",
                library.toString(), source.toString()).redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(1, TimeUnit.MINUTES) && gcc.exitValue() == 0).as("gcc: %s", output).isTrue();
        // Loaded under its soname, it satisfies the natives' dependency on libcuda.so.1.
        System.load(library.toString());
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

    @Test
    void everyKernelSourceCompilesCleanlyForEveryTargetArchitecture() {
        assertThat(Nvrtc.version()).matches("\\d+\\.\\d+");
        for (String name : KernelSources.all()) {
            for (String architecture : KernelSources.TARGET_ARCHITECTURES) {
                Nvrtc.Compiled compiled = Nvrtc.compile(name, KernelSources.read(name), architecture);

                assertThat(compiled.clean()).as("%s for %s: %s", name, architecture, compiled.log()).isTrue();
                // An ELF image with every entry point under its unmangled name.
                assertThat(new String(compiled.cubin(), 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("\u007fELF");
                String symbols = new String(compiled.cubin(), StandardCharsets.ISO_8859_1);
                for (String kernel : KernelSources.DELTA_RULE_KERNELS) {
                    assertThat(symbols).as("%s in %s for %s", kernel, name, architecture).contains(kernel);
                }
            }
        }
    }

    @Test
    void aWarningIsReportedSoThatTheCheckCanFailOnIt() {
        Nvrtc.Compiled compiled = Nvrtc.compile("unused.cu", """
                extern "C" __global__ void unused_variable(float* out) {
                    int never_read = 3;
                    out[threadIdx.x] = 1.0f;
                }
                """, "sm_80");

        assertThat(compiled.clean()).isFalse();
        assertThat(compiled.log()).contains("never_read");
    }

    @Test
    void anErrorFailsWithNvrtcsLog() {
        assertThatThrownBy(() -> Nvrtc.compile("broken.cu", """
                extern "C" __global__ void broken(float* out) {
                    out[threadIdx.x] = undefined_name;
                }
                """, "sm_90"))
                .isInstanceOf(Nvrtc.CompileException.class)
                .hasMessageContaining("broken.cu does not compile for sm_90")
                .hasMessageContaining("undefined_name");
    }

    @Test
    void anArchitectureThatIsNotOneIsRefused() {
        assertThatThrownBy(() -> Nvrtc.compile("x.cu", "", "compute_90; rm -rf"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sm_80 or sm_90");
    }

    @Test
    void theDeviceProbeAnswersInOneLine() {
        CudaDevice.Probe probe = CudaDevice.probe();

        assertThat(probe.line()).doesNotContain("\n");
        if (!probe.usable()) {
            assertThat(probe.line()).startsWith("no usable CUDA device");
        } else {
            assertThat(probe.architecture()).matches("sm_\\d+");
        }
    }
}
