package dev.asiarch.kernels.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kernel source compiles with NVRTC, without a single warning, for every architecture we target,
 * on a machine with or without a GPU. Without a driver, JavaCPP's CUDA natives do not load (they link
 * against libcuda.so.1), so the test first loads the emulated driver ({@link EmulatedDriver}); NVRTC
 * itself never calls the driver.
 */
class NvrtcCompileTest {

    @BeforeAll
    static void aDriverToLinkAgainst() throws Exception {
        EmulatedDriver.load();
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
            assertThat(probe.line()).startsWith("CUDA device 0: ").endsWith("(" + probe.architecture() + ")");
        }
    }
}
