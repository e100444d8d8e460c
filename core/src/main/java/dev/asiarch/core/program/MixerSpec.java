package dev.asiarch.core.program;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A point of the offline Researcher's program space: a memory, the paths a token's output is drawn
 * from, how they are fused, and what gates the result. {@link MixerSourceGenerator} writes it as a
 * {@code TokenMixer} over the kernels' blocks; every valid spec is a causal mixer, linear in length.
 * Its {@link #encode() encoding} doubles as a fingerprint: two specs with the same encoding generate
 * the same program. The compact constructor refuses a spec whose parts do not fit together;
 * {@link #settled} turns any combination into the nearest one that does.
 *
 * @param memory     the state the sequence is written into, or none
 * @param decay      how a gated memory forgets (ignored, and encoded as token, for ungated memories)
 * @param featureMap activation on queries and keys before their L2 normalisation
 * @param shortConv  taps of the short causal convolutions on q, k and v; 0 for none
 * @param paths      what each head's output is drawn from, in the order the fusion sees them
 * @param fusion     how more than one path becomes one
 * @param residual   whether the first FIR path is also added beside the fusion, at a learned scale
 *                   (starting near 0.05)
 * @param outputGate what scales the normalised output before the output projection
 * @param heads      number of heads
 */
public record MixerSpec(
        Memory memory,
        Decay decay,
        FeatureMap featureMap,
        int shortConv,
        List<Path> paths,
        Fusion fusion,
        boolean residual,
        OutputGate outputGate,
        int heads) {

    public static final List<Integer> SHORT_CONV_CHOICES = List.of(0, 2, 3, 4, 6);
    public static final List<Integer> FIR_CHOICES = List.of(3, 4, 8, 16, 25, 31, 63);
    public static final List<Integer> HEAD_CHOICES = List.of(2, 4, 8);
    public static final List<Float> FLOOR_CHOICES = List.of(0f, 0.02f, 0.05f);
    public static final int MAX_PATHS = 5;

    /** The state a mixer keeps over the sequence. */
    public enum Memory {
        DELTA("Delta", true, false), GATED_DELTA("GDelta", true, true), LINEAR("Lin", false, false),
        GATED_LINEAR("GLin", false, true), NONE("", false, false);

        private final String label;
        private final boolean delta;
        private final boolean gated;

        Memory(String label, boolean delta, boolean gated) {
            this.label = label;
            this.delta = delta;
            this.gated = gated;
        }

        public String label() {
            return label;
        }

        /** Whether writes correct what the state already returns for the key (and need a write strength). */
        public boolean delta() {
            return delta;
        }

        /** Whether the state decays between tokens. */
        public boolean gated() {
            return gated;
        }
    }

    /** How a gated memory forgets. */
    public enum Decay {
        /** A decay rate read from each token (softplus of a per-head gate, scaled by a learned per-head rate). */
        TOKEN,
        /** A learned per-head retention in [0.6, 1] per chunk, the same for every token. */
        RETENTION
    }

    /** One source of a head's output. */
    public record Path(Kind kind, int taps) {

        public enum Kind { MEMORY, VALUE, FIR }

        public Path {
            if (kind == Kind.FIR ? taps < 2 || taps > 256 : taps != 0) {
                throw new IllegalArgumentException(kind == Kind.FIR
                        ? "a FIR path needs 2 to 256 taps, was " + taps : "only a FIR path has taps");
            }
        }

        public static final Path MEMORY = new Path(Kind.MEMORY, 0);
        public static final Path VALUE = new Path(Kind.VALUE, 0);

        public static Path fir(int taps) {
            return new Path(Kind.FIR, taps);
        }

        /** {@code memory}, {@code value} or {@code fir<taps>}: the encoding, and the path's name in a router. */
        public String code() {
            return kind == Kind.FIR ? "fir" + taps : kind.name().toLowerCase(Locale.ROOT);
        }

        static Path parse(String code) {
            if (code.startsWith("fir")) {
                return fir(Integer.parseInt(code.substring(3)));
            }
            return switch (code) {
                case "memory" -> MEMORY;
                case "value" -> VALUE;
                default -> throw new IllegalArgumentException("unknown path '" + code + "'; known: memory, value, fir<taps>");
            };
        }

        String label() {
            return switch (kind) {
                case MEMORY -> "M";
                case VALUE -> "V";
                case FIR -> "F" + taps;
            };
        }
    }

    /** The shape of the fusion. */
    public enum FusionKind {
        /** One path: nothing to fuse. */
        NONE("", false),
        /** A softmax over the paths per head and token. */
        SOFTMAX("Soft", true),
        /** An independent sigmoid per path: weights need not sum to one. */
        SIGMOID("Sig", true),
        /** A per-head sigmoid splits the values (identity) from a softmax pool over the other paths. */
        TWO_STAGE("Two", true),
        /** A sigmoid splits a first group of paths from the rest, a softmax shares inside each group. */
        HIERARCHICAL("Hier", true);

        private final String label;
        private final boolean routed;

        FusionKind(String label, boolean routed) {
            this.label = label;
            this.routed = routed;
        }

        public String label() {
            return label;
        }

        public boolean routed() {
            return routed;
        }
    }

    /** What a router reads. */
    public enum RouterInput {
        /** The hidden state. */
        HIDDEN(""),
        /** SiLU of a half-width projection of the hidden state, with each path's per-head mean and deviation. */
        CONTENT("Content"),
        /** GELU of a double-width projection of the hidden state with each path's per-head mean magnitude. */
        MAGNITUDE("Mag");

        private final String label;

        RouterInput(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * How the paths are fused.
     *
     * @param input         what the router reads
     * @param temperature   a learned per-head temperature divides the logits
     * @param sharpness     a learned per-head sharpness (softplus, starting at 1.5) multiplies them
     * @param floor         the least weight of a path (0 for none)
     * @param learnedFloors context-dependent floors, up to 0.2 per path
     * @param prior         a fixed logit per path added to the learned ones (empty for none)
     * @param group         for a hierarchical fusion, how many of the first paths form its first group
     */
    public record Fusion(FusionKind kind, RouterInput input, boolean temperature, boolean sharpness, float floor,
                         boolean learnedFloors, List<Float> prior, int group) {

        public static final Fusion NONE = new Fusion(FusionKind.NONE, RouterInput.HIDDEN, false, false, 0f, false,
                List.of(), 0);

        public Fusion {
            prior = List.copyOf(prior);
            if (floor < 0f || floor > 0.1f) {
                throw new IllegalArgumentException("a fusion floor must be in [0, 0.1], was " + floor);
            }
        }

        /** A plain router of this kind over the hidden state, with no options. */
        public static Fusion of(FusionKind kind) {
            return new Fusion(kind, RouterInput.HIDDEN, false, false, 0f, false, List.of(), 0);
        }
    }

    /** What scales the normalised output. */
    public enum OutputGate {
        NONE(""), SILU("OutGate"), HEAD("HeadGate");

        private final String label;

        OutputGate(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public MixerSpec {
        paths = List.copyOf(paths);
        if (shortConv < 0 || shortConv > 16) {
            throw new IllegalArgumentException("shortConv must be in [0, 16], was " + shortConv);
        }
        if (heads < 1 || heads > 16) {
            throw new IllegalArgumentException("heads must be in [1, 16], was " + heads);
        }
        if (paths.isEmpty() || paths.size() > MAX_PATHS) {
            throw new IllegalArgumentException("a mixer needs 1 to " + MAX_PATHS + " paths, had " + paths.size());
        }
        if (paths.stream().distinct().count() != paths.size()) {
            throw new IllegalArgumentException("paths repeat: " + codes(paths));
        }
        if (paths.contains(Path.MEMORY) != (memory != Memory.NONE)) {
            throw new IllegalArgumentException("the memory path must be present exactly when there is a memory ("
                    + memory + "), paths: " + codes(paths));
        }
        if (paths.stream().noneMatch(p -> p.kind() != Path.Kind.VALUE)) {
            throw new IllegalArgumentException("a mixer needs a memory or a FIR path to mix tokens, paths: " + codes(paths));
        }
        if ((paths.size() == 1) != (fusion.kind() == FusionKind.NONE)) {
            throw new IllegalArgumentException("fusion " + fusion.kind() + " does not fit " + paths.size() + " path(s)");
        }
        int routed = fusion.kind() == FusionKind.TWO_STAGE ? paths.size() - 1 : paths.size();
        if (fusion.kind() == FusionKind.TWO_STAGE && (!paths.contains(Path.VALUE) || paths.size() < 3)) {
            throw new IllegalArgumentException("a two-stage fusion needs the value path and two others, paths: "
                    + codes(paths));
        }
        if (fusion.kind() == FusionKind.HIERARCHICAL ? fusion.group() < 1 || fusion.group() >= paths.size()
                : fusion.group() != 0) {
            throw new IllegalArgumentException("group " + fusion.group() + " does not fit a " + fusion.kind()
                    + " fusion of " + paths.size() + " paths");
        }
        if (!fusion.prior().isEmpty() && fusion.prior().size() != routed) {
            throw new IllegalArgumentException("the prior has " + fusion.prior().size() + " values for " + routed
                    + " routed paths");
        }
        if (fusion.floor() * routed >= 1f) {
            throw new IllegalArgumentException("a floor of " + fusion.floor() + " over " + routed + " paths leaves nothing to route");
        }
        if (residual && (paths.size() == 1 || paths.stream().noneMatch(p -> p.kind() == Path.Kind.FIR))) {
            throw new IllegalArgumentException("the residual adds the first FIR path beside a fusion, but there is "
                    + (paths.size() == 1 ? "no fusion" : "no FIR path") + ": " + codes(paths));
        }
        if (!memory.gated() && decay != Decay.TOKEN) {
            throw new IllegalArgumentException("only a gated memory decays; " + memory + " takes decay=token");
        }
        if (memory == Memory.NONE && featureMap != FeatureMap.IDENTITY) {
            throw new IllegalArgumentException("without a memory there are no queries and keys to map; featureMap=identity");
        }
    }

    /** DeltaNet, the seed: a delta-rule memory over SiLU, L2-normalised keys with 4-tap short convolutions. */
    public static MixerSpec deltaNet() {
        return new MixerSpec(Memory.DELTA, Decay.TOKEN, FeatureMap.SILU, 4, List.of(Path.MEMORY), Fusion.NONE, false,
                OutputGate.NONE, 4);
    }

    /**
     * The valid spec nearest to these parts: the memory path follows the memory (added at the end or
     * removed), a mixer without memory or FIR gets a FIR path, extra paths past {@value #MAX_PATHS} are
     * dropped, the fusion kind follows the path count (a two-stage fusion without the value path, or
     * with fewer than three paths, becomes a softmax), the prior, group and floor are fitted or
     * dropped, and settings that mean nothing here (decay without a gated memory, a feature map without
     * queries, a residual without a FIR or a fusion) take their neutral value.
     */
    public static MixerSpec settled(Memory memory, Decay decay, FeatureMap featureMap, int shortConv, List<Path> paths,
                                    Fusion fusion, boolean residual, OutputGate outputGate, int heads) {
        List<Path> fitted = new ArrayList<>(paths.stream().distinct().toList());
        if (memory == Memory.NONE) {
            fitted.remove(Path.MEMORY);
            featureMap = FeatureMap.IDENTITY;
        } else if (!fitted.contains(Path.MEMORY)) {
            fitted.add(0, Path.MEMORY);
        }
        if (fitted.stream().noneMatch(p -> p.kind() != Path.Kind.VALUE)) {
            fitted.add(0, Path.fir(FIR_CHOICES.get(0)));
        }
        while (fitted.size() > MAX_PATHS) {
            // The last path that is not the memory goes; with this many paths, FIR paths remain.
            int last = fitted.size() - 1;
            fitted.remove(fitted.get(last).equals(Path.MEMORY) ? last - 1 : last);
        }
        if (!memory.gated()) {
            decay = Decay.TOKEN;
        }
        FusionKind kind = fusion.kind();
        if (fitted.size() == 1) {
            kind = FusionKind.NONE;
        } else if (kind == FusionKind.NONE
                || kind == FusionKind.TWO_STAGE && (!fitted.contains(Path.VALUE) || fitted.size() < 3)) {
            kind = FusionKind.SOFTMAX;
        }
        Fusion settledFusion;
        if (kind == FusionKind.NONE) {
            settledFusion = Fusion.NONE;
        } else {
            int routed = kind == FusionKind.TWO_STAGE ? fitted.size() - 1 : fitted.size();
            int group = kind == FusionKind.HIERARCHICAL ? Math.max(1, Math.min(fusion.group() == 0 ? fitted.size() / 2
                    : fusion.group(), fitted.size() - 1)) : 0;
            List<Float> prior = fusion.prior().size() == routed ? fusion.prior() : List.of();
            float floor = fusion.floor() * routed < 1f ? fusion.floor() : 0f;
            settledFusion = new Fusion(kind, fusion.input(), fusion.temperature(), fusion.sharpness(), floor,
                    fusion.learnedFloors(), prior, group);
        }
        boolean hasFir = fitted.stream().anyMatch(p -> p.kind() == Path.Kind.FIR);
        return new MixerSpec(memory, decay, featureMap, shortConv, fitted, settledFusion,
                residual && hasFir && fitted.size() > 1, outputGate,
                heads);
    }

    /**
     * A point drawn from the whole space: every part at random (one to {@value #MAX_PATHS} paths, any
     * fusion and router option), then settled.
     */
    public static MixerSpec sample(Random random) {
        Memory memory = oneOf(List.of(Memory.values()), random);
        List<Path> paths = new ArrayList<>();
        if (memory != Memory.NONE) {
            paths.add(Path.MEMORY);
        }
        if (random.nextBoolean()) {
            paths.add(Path.VALUE);
        }
        int firs = random.nextInt(4);
        for (int i = 0; i < firs; i++) {
            Path fir = Path.fir(oneOf(FIR_CHOICES, random));
            if (!paths.contains(fir)) {
                paths.add(random.nextInt(paths.size() + 1), fir);
            }
        }
        if (paths.isEmpty()) {
            paths.add(Path.fir(oneOf(FIR_CHOICES, random)));
        }
        Collections.shuffle(paths, random);
        FusionKind kind = oneOf(List.of(FusionKind.SOFTMAX, FusionKind.SIGMOID, FusionKind.TWO_STAGE,
                FusionKind.HIERARCHICAL), random);
        List<Float> prior = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            int routed = kind == FusionKind.TWO_STAGE && paths.contains(Path.VALUE) ? paths.size() - 1 : paths.size();
            for (int i = 0; i < routed; i++) {
                prior.add(oneOf(List.of(-1f, 0f, 1f, 2f, 3f), random));
            }
        }
        Fusion fusion = new Fusion(kind, oneOf(List.of(RouterInput.values()), random), random.nextBoolean(),
                random.nextBoolean(), oneOf(FLOOR_CHOICES, random), random.nextBoolean(), prior,
                kind == FusionKind.HIERARCHICAL ? 1 + random.nextInt(Math.max(1, paths.size() - 1)) : 0);
        return settled(memory, oneOf(List.of(Decay.values()), random), oneOf(List.of(FeatureMap.values()), random),
                oneOf(SHORT_CONV_CHOICES, random), paths, fusion, random.nextBoolean(),
                oneOf(List.of(OutputGate.values()), random), oneOf(HEAD_CHOICES, random));
    }

    private static <T> T oneOf(List<T> choices, Random random) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** The paths a router weighs: all of them, or all but the value path in a two-stage fusion. */
    public List<Path> routedPaths() {
        return fusion.kind() == FusionKind.TWO_STAGE
                ? paths.stream().filter(p -> !p.equals(Path.VALUE)).toList() : paths;
    }

    /** The FIR paths, in order. */
    public List<Path> firPaths() {
        return paths.stream().filter(p -> p.kind() == Path.Kind.FIR).toList();
    }

    /**
     * Canonical text, for example
     * {@code memory=delta;decay=token;featureMap=silu;shortConv=4;paths=fir3,memory;fusion=softmax;router=hidden;
     * temperature=false;sharpness=false;floor=0.0;learnedFloors=false;prior=;group=0;residual=false;outputGate=none;heads=4}.
     */
    public String encode() {
        return "memory=" + lower(memory)
                + ";decay=" + lower(decay)
                + ";featureMap=" + lower(featureMap)
                + ";shortConv=" + shortConv
                + ";paths=" + codes(paths)
                + ";fusion=" + lower(fusion.kind())
                + ";router=" + lower(fusion.input())
                + ";temperature=" + fusion.temperature()
                + ";sharpness=" + fusion.sharpness()
                + ";floor=" + fusion.floor()
                + ";learnedFloors=" + fusion.learnedFloors()
                + ";prior=" + fusion.prior().stream().map(String::valueOf).collect(Collectors.joining(","))
                + ";group=" + fusion.group()
                + ";residual=" + residual
                + ";outputGate=" + lower(outputGate)
                + ";heads=" + heads;
    }

    /**
     * Reads the text {@link #encode()} writes; a missing or malformed field is an error naming it. The
     * earlier, narrower encoding ({@code recurrence=...;fir=...;outputGate=true|false}) is read too, as
     * the same mixer in this space's terms, so records written before it keep their place as parents.
     */
    public static MixerSpec parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.split(";", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("spec field '" + part + "' is not key=value in: " + text);
            }
            fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        try {
            return fields.containsKey("recurrence") ? parseFirstEncoding(fields, text) : parseFields(fields, text);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains(text)) {
                throw e;
            }
            throw new IllegalArgumentException("spec is not valid (" + e.getMessage() + "): " + text, e);
        }
    }

    private static final List<String> FIELDS = List.of("memory", "decay", "featureMap", "shortConv", "paths", "fusion",
            "router", "temperature", "sharpness", "floor", "learnedFloors", "prior", "group", "residual", "outputGate",
            "heads");

    private static MixerSpec parseFields(Map<String, String> fields, String text) {
        List<String> missing = FIELDS.stream().filter(key -> !fields.containsKey(key)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("spec field" + (missing.size() > 1 ? "s " : " ")
                    + missing.stream().map(key -> "'" + key + "'").collect(Collectors.joining(", "))
                    + (missing.size() > 1 ? " are" : " is") + " missing in: " + text);
        }
        List<String> unknown = fields.keySet().stream().filter(key -> !FIELDS.contains(key)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("spec fields " + unknown + " are unknown; known: " + FIELDS + ", in: " + text);
        }
        String prior = field(fields, "prior", text);
        Fusion fusion = new Fusion(
                upper(FusionKind.class, field(fields, "fusion", text)),
                upper(RouterInput.class, field(fields, "router", text)),
                bool(fields, "temperature", text), bool(fields, "sharpness", text),
                Float.parseFloat(field(fields, "floor", text)),
                bool(fields, "learnedFloors", text),
                prior.isEmpty() ? List.of() : List.of(prior.split(",")).stream().map(Float::parseFloat).toList(),
                Integer.parseInt(field(fields, "group", text)));
        return new MixerSpec(
                upper(Memory.class, field(fields, "memory", text)),
                upper(Decay.class, field(fields, "decay", text)),
                upper(FeatureMap.class, field(fields, "featureMap", text)),
                Integer.parseInt(field(fields, "shortConv", text)),
                List.of(field(fields, "paths", text).split(",")).stream().map(Path::parse).toList(),
                fusion, bool(fields, "residual", text),
                upper(OutputGate.class, field(fields, "outputGate", text)),
                Integer.parseInt(field(fields, "heads", text)));
    }

    /** The first encoding: a delta or linear memory, optionally with one FIR path blended by a per-head gate. */
    private static MixerSpec parseFirstEncoding(Map<String, String> fields, String text) {
        String recurrence = field(fields, "recurrence", text);
        Memory memory = switch (recurrence) {
            case "delta" -> Memory.DELTA;
            case "linear" -> Memory.LINEAR;
            default -> throw new IllegalArgumentException("recurrence '" + recurrence + "' is unknown; known: delta, linear");
        };
        int fir = Integer.parseInt(field(fields, "fir", text));
        List<Path> paths = fir > 0 ? List.of(Path.MEMORY, Path.fir(fir)) : List.of(Path.MEMORY);
        return new MixerSpec(memory, Decay.TOKEN, upper(FeatureMap.class, field(fields, "featureMap", text)),
                Integer.parseInt(field(fields, "shortConv", text)), paths,
                fir > 0 ? Fusion.of(FusionKind.SOFTMAX) : Fusion.NONE, false,
                bool(fields, "outputGate", text) ? OutputGate.SILU : OutputGate.NONE,
                Integer.parseInt(field(fields, "heads", text)));
    }

    /** A readable name that is also a class name once its dashes go, such as {@code SiluDelta-Conv4-F3F31MV-SoftT-H4}. */
    public String displayName() {
        List<String> parts = new ArrayList<>();
        String head = featureMap.label() + memory.label()
                + (memory.gated() && decay == Decay.RETENTION ? "Ret" : "");
        if (!head.isEmpty()) {
            parts.add(head);
        }
        if (shortConv > 0) {
            parts.add("Conv" + shortConv);
        }
        if (paths.size() > 1 || memory == Memory.NONE) {
            parts.add(paths.stream().map(Path::label).collect(Collectors.joining()));
        }
        if (fusion.kind().routed()) {
            parts.add(fusion.kind().label()
                    + (fusion.kind() == FusionKind.HIERARCHICAL ? String.valueOf(fusion.group()) : "")
                    + fusion.input().label()
                    + (fusion.temperature() ? "T" : "")
                    + (fusion.sharpness() ? "S" : "")
                    + (fusion.floor() > 0f ? "Fl" + Math.round(fusion.floor() * 100) : "")
                    + (fusion.learnedFloors() ? "Lf" : "")
                    + (fusion.prior().isEmpty() ? "" : "P"));
        }
        if (residual) {
            parts.add("Res");
        }
        if (outputGate != OutputGate.NONE) {
            parts.add(outputGate.label());
        }
        parts.add("H" + heads);
        return String.join("-", parts);
    }

    private static String codes(List<Path> paths) {
        return paths.stream().map(Path::code).collect(Collectors.joining(","));
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static <E extends Enum<E>> E upper(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not a " + type.getSimpleName() + "; known: "
                    + List.of(type.getEnumConstants()).stream().map(MixerSpec::lower).collect(Collectors.joining(", ")));
        }
    }

    private static boolean bool(Map<String, String> fields, String key, String text) {
        String value = field(fields, key, text);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("spec field '" + key + "' must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static String field(Map<String, String> fields, String key, String text) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("spec field '" + key + "' is missing in: " + text);
        }
        return value;
    }
}
