package dev.asiarch.core.program;

import java.util.List;

/**
 * Hand-written programs of known architectures, from softmax attention to the five designs ASI-Arch
 * published, plus a control that cannot see other tokens; compiled and screened like any candidate,
 * they place a campaign's results among known points.
 */
public final class Gallery {

    /** A per-token MLP: it must score at chance on any task that needs other tokens. */
    public static final String CONTROL = "TokenwiseControl";

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

    /** The source of the gallery program (or the control) called {@code name}. */
    public static String source(String name) {
        if (!NAMES.contains(name) && !CONTROL.equals(name)) {
            throw new IllegalArgumentException("gallery program '" + name + "' is unknown; known: "
                    + String.join(", ", NAMES) + " and the control " + CONTROL);
        }
        if (SeedPrograms.DELTA_NET.equals(name)) {
            return SeedPrograms.source(name);  // the gallery's DeltaNet is the seed program itself
        }
        return ProgramResources.read("gallery/" + name + ".java").orElseThrow(() -> new IllegalStateException(
                "gallery program '" + name + "' is listed but its source is missing from the class path"));
    }

    /** Whether {@code name} is only a reference point: quadratic in length, never a valid candidate. */
    public static boolean isReference(String name) {
        return REFERENCE.equals(name);
    }
}
