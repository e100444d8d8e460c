package dev.asiarch.kernels.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The CUDA C sources of the fused kernels, shipped as resources beside this class and compiled at run
 * time for the device at hand (NVRTC), at build time for the architectures we target (the NVRTC check),
 * and by the device check without a JDK; one text for all three.
 */
public final class KernelSources {

    /** The chunked delta rule and gated delta rule, forward and backward. */
    public static final String DELTA_RULE = "delta_rule.cu";
    /** Its entry points, {@code extern "C"} so that their names are not mangled. */
    public static final List<String> DELTA_RULE_KERNELS = List.of("delta_rule_forward", "delta_rule_backward");
    /** The architectures every source must compile for without a warning. */
    public static final List<String> TARGET_ARCHITECTURES = List.of("sm_80", "sm_90");

    private KernelSources() {
    }

    /** Every kernel source, by file name. */
    public static List<String> all() {
        return List.of(DELTA_RULE);
    }

    /** The text of one source. */
    public static String read(String name) {
        try (InputStream in = KernelSources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no kernel source " + name + "; there are " + all());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel source " + name, e);
        }
    }
}
