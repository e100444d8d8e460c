package dev.asiarch.core.program;

import dev.asiarch.core.program.MixerSpec.Decay;
import dev.asiarch.core.program.MixerSpec.FusionKind;
import dev.asiarch.core.program.MixerSpec.Memory;
import dev.asiarch.core.program.MixerSpec.OutputGate;
import dev.asiarch.core.program.MixerSpec.Path;
import dev.asiarch.core.program.MixerSpec.RouterInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes the Java source of a {@link MixerSpec}: a {@code TokenMixer} whose weights are field
 * declarations over the kernels' blocks and whose {@code mix} reads as the mechanism: the paths, their
 * fusion, the gate, the output projection.
 */
public final class MixerSourceGenerator {

    private static final int CHUNK = 32;
    /** softplus(1.2475) = 1.5, a router's starting sharpness. */
    private static final String SHARPNESS_INIT = "1.2475f";

    private final MixerSpec spec;
    private final String className;
    private final TreeSet<String> imports = new TreeSet<>(List.of("ai.djl.ndarray.NDArray",
            "dev.asiarch.kernels.Dense", "dev.asiarch.kernels.Heads", "dev.asiarch.kernels.HeadProjection",
            "dev.asiarch.kernels.RmsNorm", "dev.asiarch.kernels.TokenMixer"));
    private final List<String> constants = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();
    private final List<String> body = new ArrayList<>();

    private MixerSourceGenerator(MixerSpec spec, String className) {
        this.spec = spec;
        this.className = className;
    }

    /** The Java class name the generated source declares. */
    public static String className(MixerSpec spec) {
        return spec.displayName().replace("-", "");
    }

    /** The program of {@code spec}, its class named for the spec, its Javadoc the summary. */
    public static String generate(MixerSpec spec, String summary) {
        return generate(spec, className(spec), summary);
    }

    /** The program of {@code spec} as a class called {@code className} (a design that has a name of its own). */
    public static String generate(MixerSpec spec, String className, String summary) {
        if (!className.matches("[A-Z][A-Za-z0-9]{0,63}")) {
            throw new IllegalArgumentException("'" + className + "' is not a mixer class name");
        }
        return new MixerSourceGenerator(spec, className).write(summary);
    }

    private String write(String summary) {
        constants.add("HEADS = " + spec.heads());
        if (spec.memory() != Memory.NONE) {
            constants.add("CHUNK = " + CHUNK);
        }
        projections();
        body.add("NDArray values = v.apply(x);");
        List<String> pathValues = new ArrayList<>();
        for (Path path : spec.paths()) {
            pathValues.add(path(path));
        }
        String mixed = fuse(pathValues);
        if (spec.residual()) {
            fields.add(declare("Weight", "residualScale", "constant(\"residual_scale\", -3f, HEADS, 1, 1)"));
            use("Weight", "Activations");
            String first = variable(spec.firPaths().get(0));
            body.add("mixed = mixed.add(" + first + ".mul(Activations.sigmoid(residualScale.get())));");
        }
        fields.add(declare("RmsNorm", "norm", "rmsNorm(\"norm\", dim() / HEADS)"));
        String result = switch (spec.outputGate()) {
            case NONE -> "out.apply(Heads.merge(norm.apply(" + mixed + ")))";
            case SILU -> {
                fields.add(declare("Dense", "gate", "dense(\"gate\", dim(), dim())"));
                use("Activations");
                yield "out.apply(Heads.merge(norm.apply(" + mixed + ")).mul(Activations.silu(gate.apply(x))))";
            }
            case HEAD -> {
                fields.add(declare("HeadGate", "outputGate", "headGate(\"output_gate\", HEADS, 2f)"));
                use("HeadGate");
                yield "out.apply(Heads.merge(outputGate.scale(x, norm.apply(" + mixed + "))))";
            }
        };
        fields.add(declare("Dense", "out", "dense(\"out\", dim(), dim())"));
        body.add("return " + result + ";");
        return source(summary);
    }

    private void projections() {
        String conv = spec.shortConv() > 0 ? ".conv(" + spec.shortConv() + ")" : "";
        if (spec.memory() != Memory.NONE) {
            String map = spec.featureMap().reference().map(ref -> ".activation(" + ref + ")").orElse("");
            if (spec.featureMap() != FeatureMap.IDENTITY) {
                use("Activations");
            }
            fields.add(declare("HeadProjection", "q", "heads(\"q\", HEADS)" + conv + map + ".l2()"));
            fields.add(declare("HeadProjection", "k", "heads(\"k\", HEADS)" + conv + map + ".l2()"));
        }
        String valueActivation = spec.shortConv() > 0 ? ".activation(Activations::silu)" : "";
        if (spec.shortConv() > 0) {
            use("Activations");
        }
        fields.add(declare("HeadProjection", "v", "heads(\"v\", HEADS)" + conv + valueActivation));
    }

    /** Declares what a path needs and computes it in {@code mix}; answers the variable that holds it. */
    private String path(Path path) {
        switch (path.kind()) {
            case VALUE -> {
                return "values";
            }
            case FIR -> {
                String name = variable(path);
                use("CausalFir");
                fields.add(declare("CausalFir", name + "Filter", "fir(\"fir_" + path.taps() + "\", dim(), "
                        + path.taps() + ")"));
                body.add("NDArray " + name + " = " + name + "Filter.apply(values);");
                return name;
            }
            default -> {
                memory();
                return "memory";
            }
        }
    }

    private void memory() {
        Memory memory = spec.memory();
        if (memory.delta()) {
            use("HeadGate");
            fields.add(declare("HeadGate", "beta", "headGate(\"beta\", HEADS, 0f)"));
        }
        if (memory.gated()) {
            logDecay();
        }
        String call = switch (memory) {
            case DELTA -> use("DeltaRule") + ".chunked(q.apply(x), k.apply(x), values, beta.apply(x), CHUNK)";
            case GATED_DELTA -> use("GatedDeltaRule")
                    + ".chunked(q.apply(x), k.apply(x), values, beta.apply(x), logDecay, CHUNK)";
            case LINEAR -> use("LinearAttention") + ".chunked(q.apply(x), k.apply(x), values, CHUNK)";
            case GATED_LINEAR -> use("GatedLinearAttention") + ".chunked(q.apply(x), k.apply(x), values, logDecay, CHUNK)";
            case NONE -> throw new IllegalStateException("no memory to compute");
        };
        body.add("NDArray memory = " + call + ";");
    }

    /** Per head and token log decays {@code [B, H, T]}. */
    private void logDecay() {
        use("Weight");
        if (spec.decay() == Decay.TOKEN) {
            use("HeadGate");
            use("Activations");
            constants.add("DECAY_BIAS = -3f");
            // softplus(-3) = 0.049: the memory starts by keeping about 95% per token.
            fields.add(declare("HeadGate", "decayRate",
                    "headGate(\"decay\", HEADS, DECAY_BIAS).activation(Activations::softplus)"));
            fields.add(declare("Weight", "decayScale", "constant(\"a_log\", 0f, HEADS)"));
            body.add("NDArray logDecay = decayRate.apply(x).mul(decayScale.get().exp().reshape(HEADS, 1)).neg();");
        } else {
            use("Activations");
            use("ai.djl.ndarray.types.Shape");
            fields.add(declare("Weight", "retention", "constant(\"retention\", 1f, HEADS, 1)"));
            body.add("NDArray keep = Activations.sigmoid(retention.get()).mul(0.4f).add(0.6f);    // per chunk, [H, 1]");
            body.add("NDArray everyToken = x.getManager().ones(new Shape(x.getShape().get(0), HEADS, x.getShape().get(1)));");
            body.add("NDArray logDecay = everyToken.mul(keep.log().div(CHUNK));");
        }
    }

    private String fuse(List<String> pathValues) {
        MixerSpec.Fusion fusion = spec.fusion();
        if (fusion.kind() == FusionKind.NONE) {
            return pathValues.get(0);
        }
        List<Path> routed = spec.routedPaths();
        List<String> routedValues = routed.stream().map(p -> pathValues.get(spec.paths().indexOf(p))).toList();
        String routerName = fusion.kind() == FusionKind.TWO_STAGE ? "pool" : "router";
        use("Router");
        if (fusion.input() != RouterInput.HIDDEN) {
            constants.add("PATHS = " + routed.size());
        }
        String input = switch (fusion.input()) {
            case HIDDEN -> "x";
            case CONTENT -> {
                use("PathStatistics");
                use("ai.djl.ndarray.NDArrays");
                use("ai.djl.ndarray.NDList");
                use("Activations");
                fields.add(declare("Dense", "routerHidden", "dense(\"router_hidden\", dim(), dim() / 2, 0f)"));
                body.add("NDArray features = NDArrays.concat(new NDList(Activations.silu(routerHidden.apply(x)), "
                        + "PathStatistics.meanAndDeviation(" + String.join(", ", routedValues) + ")), 2);");
                yield "features";
            }
            case MAGNITUDE -> {
                use("PathStatistics");
                use("ai.djl.ndarray.NDArrays");
                use("ai.djl.ndarray.NDList");
                use("Activations");
                fields.add(declare("Dense", "routerHidden",
                        "dense(\"router_hidden\", dim() + PATHS * HEADS, 2 * dim(), 0f)"));
                body.add("NDArray features = Activations.gelu(routerHidden.apply(NDArrays.concat(new NDList(x, "
                        + "PathStatistics.meanMagnitude(" + String.join(", ", routedValues) + ")), 2)));");
                yield "features";
            }
        };
        String width = switch (fusion.input()) {
            case HIDDEN -> "";
            case CONTENT -> "dim() / 2 + 2 * PATHS * HEADS, ";
            case MAGNITUDE -> "2 * dim(), ";
        };
        StringBuilder router = new StringBuilder("router(\"" + routerName + "\", " + width + "HEADS, ")
                .append(routed.stream().map(p -> "\"" + p.code() + "\"").collect(Collectors.joining(", ")))
                .append(")");
        if (!fusion.prior().isEmpty()) {
            router.append(".prior(").append(fusion.prior().stream().map(MixerSourceGenerator::floatLiteral)
                    .collect(Collectors.joining(", "))).append(")");
        }
        if (fusion.temperature()) {
            router.append(".temperature()");
        }
        if (fusion.sharpness()) {
            router.append(".sharpness(" + SHARPNESS_INIT + ")");
        }
        if (fusion.kind() == FusionKind.SIGMOID) {
            router.append(".independent()");
        }
        if (fusion.floor() > 0f) {
            router.append(".floor(").append(floatLiteral(fusion.floor())).append(")");
        }
        if (fusion.kind() == FusionKind.HIERARCHICAL) {
            router.append(".hierarchical(").append(fusion.group()).append(")");
        }
        if (fusion.learnedFloors()) {
            // Each floor starts near 0.2 sigmoid(-1) = 0.05.
            router.append(".floors(0.2f, -1f)");
        }
        String declared = router.toString();
        if (declared.length() > 90) {
            // One option per line once the chain is long: the router reads as its list of choices.
            declared = declared.replace(").", ")\n            .");
        }
        fields.add(declare("Router", routerName, declared));
        String blended = routerName + ".blend(" + input + ", " + String.join(", ", routedValues) + ")";
        if (fusion.kind() == FusionKind.TWO_STAGE) {
            use("HeadGate");
            use("Blend");
            // A bias of +4 gives the values about 98% at first; the pool earns its share.
            fields.add(declare("HeadGate", "identity", "headGate(\"identity_gate\", HEADS, 4f)"));
            body.add("NDArray mixed = Blend.between(identity.apply(x), values, " + blended + ");");
        } else {
            body.add("NDArray mixed = " + blended + ";");
        }
        return "mixed";
    }

    private String source(String summary) {
        String cls = className;
        StringBuilder src = new StringBuilder();
        for (String imported : imports) {
            src.append("import ").append(imported).append(";\n");
        }
        src.append("\n/**\n * ").append(cls.equals(className(spec)) ? spec.displayName() : cls).append(": ").append(summary.strip()).append("\n")
           .append(" * Generated from spec {@code ").append(spec.encode()).append("}.\n */\n")
           .append("public final class ").append(cls).append(" extends TokenMixer {\n\n");
        for (String constant : constants) {
            String type = constant.endsWith("f") ? "float" : "int";
            src.append("    private static final ").append(type).append(" ").append(constant).append(";\n");
        }
        src.append("\n");
        for (String field : fields) {
            src.append("    ").append(field).append("\n");
        }
        src.append("\n    public ").append(cls).append("(int dim) {\n        super(dim);\n    }\n\n")
           .append("    @Override\n    protected NDArray mix(NDArray x) {\n");
        for (String line : body) {
            src.append("        ").append(line).append("\n");
        }
        return src.append("    }\n}\n").toString();
    }

    private static String declare(String type, String name, String initialiser) {
        return "private final " + type + " " + name + " = " + initialiser + ";";
    }

    /** Imports a kernels class (or a fully named one) and answers its simple name. */
    private String use(String... types) {
        String simple = "";
        for (String type : types) {
            imports.add(type.contains(".") ? type : "dev.asiarch.kernels." + type);
            simple = type.substring(type.lastIndexOf('.') + 1);
        }
        return simple;
    }

    private static String variable(Path path) {
        return "fir" + path.taps();
    }

    private static String floatLiteral(float value) {
        return String.format(Locale.ROOT, "%sf", Float.toString(value));
    }
}
