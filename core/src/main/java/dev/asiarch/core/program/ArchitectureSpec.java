package dev.asiarch.core.program;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A structured description of a token mixer that {@link MixerSourceGenerator} turns into source.
 * Its {@link #encode() encoding} doubles as a fingerprint: two specs with the same encoding generate
 * the same program.
 *
 * @param recurrence the state update
 * @param featureMap activation on queries and keys (before L2 normalisation)
 * @param shortConv  taps of the short causal depthwise convolution on q, k and v; 0 for none
 * @param firTaps    taps of a long causal FIR branch over the values, fused with the recurrence by
 *                   a per-head sigmoid gate; 0 for none
 * @param outputGate whether the normalised output is multiplied by SiLU(Linear(hidden))
 * @param heads      number of heads
 */
public record ArchitectureSpec(
        Recurrence recurrence,
        FeatureMap featureMap,
        int shortConv,
        int firTaps,
        boolean outputGate,
        int heads) {

    public static final List<Integer> SHORT_CONV_CHOICES = List.of(0, 2, 3, 4, 6);
    public static final List<Integer> FIR_CHOICES = List.of(0, 8, 16, 32);
    public static final List<Integer> HEAD_CHOICES = List.of(2, 4, 8);

    public ArchitectureSpec {
        if (shortConv < 0 || shortConv > 16) {
            throw new IllegalArgumentException("shortConv must be in [0, 16], was " + shortConv);
        }
        if (firTaps < 0 || firTaps > 256) {
            throw new IllegalArgumentException("firTaps must be in [0, 256], was " + firTaps);
        }
        if (heads < 1) {
            throw new IllegalArgumentException("heads must be positive, was " + heads);
        }
    }

    /** The spec that matches the DeltaNet seed program. */
    public static ArchitectureSpec deltaNet() {
        return new ArchitectureSpec(Recurrence.DELTA, FeatureMap.SILU, 4, 0, false, 4);
    }

    /** Canonical text, e.g. {@code recurrence=delta;featureMap=silu;shortConv=4;fir=0;outputGate=false;heads=4}. */
    public String encode() {
        return "recurrence=" + recurrence.name().toLowerCase(Locale.ROOT)
                + ";featureMap=" + featureMap.name().toLowerCase(Locale.ROOT)
                + ";shortConv=" + shortConv
                + ";fir=" + firTaps
                + ";outputGate=" + outputGate
                + ";heads=" + heads;
    }

    /** Reads the text {@link #encode()} writes; a missing or malformed field is an error naming it. */
    public static ArchitectureSpec parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("spec field '" + part + "' is not key=value in: " + text);
            }
            fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return new ArchitectureSpec(
                Recurrence.valueOf(field(fields, "recurrence", text).toUpperCase(Locale.ROOT)),
                FeatureMap.valueOf(field(fields, "featureMap", text).toUpperCase(Locale.ROOT)),
                Integer.parseInt(field(fields, "shortConv", text)),
                Integer.parseInt(field(fields, "fir", text)),
                Boolean.parseBoolean(field(fields, "outputGate", text)),
                Integer.parseInt(field(fields, "heads", text)));
    }

    /** A readable name such as {@code SiluDelta-Conv4-Fir16Gate-OutGate-H4}. */
    public String displayName() {
        StringBuilder name = new StringBuilder(featureMap.label()).append(recurrence.label());
        if (shortConv > 0) {
            name.append("-Conv").append(shortConv);
        }
        if (firTaps > 0) {
            name.append("-Fir").append(firTaps).append("Gate");
        }
        if (outputGate) {
            name.append("-OutGate");
        }
        return name.append("-H").append(heads).toString();
    }

    private static String field(Map<String, String> fields, String key, String text) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("spec field '" + key + "' is missing in: " + text);
        }
        return value;
    }
}
