package dev.asiarch.gpu.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelScalingTest {

    @Test
    void fittedExponentRecoversAPowerLawAndIgnoresShortLengths() {
        List<double[]> quadratic = List.of(new double[] {256, 50}, new double[] {1024, 3e-6 * 1024 * 1024},
                new double[] {2048, 3e-6 * 2048 * 2048}, new double[] {4096, 3e-6 * 4096 * 4096});
        List<double[]> linear = List.of(new double[] {1024, 2.0}, new double[] {2048, 4.0}, new double[] {8192, 16.0});

        assertThat(KernelScaling.exponent(quadratic, 1024)).isCloseTo(2.0, within(1e-9));
        assertThat(KernelScaling.exponent(linear, 1024)).isCloseTo(1.0, within(1e-9));
    }
}
