package dev.asiarch.kernels.programs;

import dev.asiarch.core.program.MixerSourceGenerator;
import dev.asiarch.core.program.MixerSpec;
import dev.asiarch.core.program.PublishedSpecs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Hand-written programs of known architectures, from softmax attention to the five designs ASI-Arch
 * published, plus a control that cannot see other tokens; compiled and screened like any candidate,
 * they place a campaign's results among known points. They are written in this module's blocks and
 * ship beside them (resources under {@code dev/asiarch/kernels/programs/gallery/}); this module's
 * tests compile and check every one, so a change to a kernel that breaks a program breaks the build.
 * A name {@code spec:<Name>} is the program generated from that design's point of the offline
 * Researcher's space ({@link PublishedSpecs}), to set beside the hand-written one; {@code spec:<encoded
 * spec>} is any point of the space ({@link MixerSpec#encode()}).
 */
public final class Gallery {

    /** A per-token MLP: it must score at chance on any task that needs other tokens. */
    public static final String CONTROL = "TokenwiseControl";

    /** The prefix of a generated program's name. */
    public static final String GENERATED = "spec:";

    private static final String REFERENCE = "SoftmaxAttention";

    private static final List<String> NAMES = List.of(
            REFERENCE,
            "LinearAttention",
            "RetNet",
            "DeltaNet",
            "GatedDeltaNet",
            "Mamba2",
            "PathGateFusionNet",
            "ContentSharpRouter",
            "FusionGatedFIRNet",
            "HierGateNet",
            "AdaMultiPathGateNet");

    private Gallery() {
    }

    /** The gallery's architectures in order, from the quadratic reference to the published designs; no control. */
    public static List<String> names() {
        return NAMES;
    }

    /** The source of the gallery program (or the control, or a generated {@code spec:} program) called {@code name}. */
    public static String source(String name) {
        if (name.startsWith(GENERATED)) {
            String design = name.substring(GENERATED.length());
            if (design.contains("=")) {
                return MixerSourceGenerator.generate(MixerSpec.parse(design), "a generated program");
            }
            return PublishedSpecs.of(design)
                    .map(spec -> MixerSourceGenerator.generate(spec, design, design + " from its spec"))
                    .orElseThrow(() -> new IllegalArgumentException("no spec called '" + design + "'; known: "
                            + String.join(", ", PublishedSpecs.all().keySet()) + ", or an encoded spec"));
        }
        if (!NAMES.contains(name) && !CONTROL.equals(name)) {
            throw new IllegalArgumentException("gallery program '" + name + "' is unknown; known: "
                    + String.join(", ", NAMES) + ", the control " + CONTROL + ", and " + GENERATED
                    + "<Name> for a design generated from its spec");
        }
        String resource = "/dev/asiarch/kernels/programs/gallery/" + name + ".java";
        try (InputStream in = Gallery.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("gallery program '" + name + "' is listed but " + resource
                        + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Whether {@code name} is only a reference point: quadratic in length, never a valid candidate. */
    public static boolean isReference(String name) {
        return REFERENCE.equals(name);
    }
}
