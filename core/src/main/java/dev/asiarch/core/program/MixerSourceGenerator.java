package dev.asiarch.core.program;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the Java source of a {@link ArchitectureSpec}: a {@code TokenMixer} subclass that declares
 * its weights in the constructor and reads as the mechanism in {@code mix}.
 */
public final class MixerSourceGenerator {

    private static final int CHUNK = 32;

    private MixerSourceGenerator() {
    }

    /** The Java class name the generated source declares. */
    public static String className(ArchitectureSpec spec) {
        return spec.displayName().replace("-", "");
    }

    public static String generate(ArchitectureSpec spec, String summary) {
        String cls = className(spec);
        boolean delta = spec.recurrence() == Recurrence.DELTA;
        boolean conv = spec.shortConv() > 0;
        boolean fir = spec.firTaps() > 0;

        List<String> fields = new ArrayList<>(List.of("q", "k", "v"));
        List<String> init = new ArrayList<>(List.of(
                "q = dense(\"q\", dim, dim);",
                "k = dense(\"k\", dim, dim);",
                "v = dense(\"v\", dim, dim);"));
        List<String> firFields = new ArrayList<>();
        if (delta) {
            fields.add("beta");
            init.add("beta = dense(\"beta\", dim, HEADS, 0f);");
        }
        if (conv) {
            for (String stream : List.of("q", "k", "v")) {
                firFields.add(stream + "Conv");
                init.add(stream + "Conv = fir(\"" + stream + "_conv\", dim, CONV_TAPS);");
            }
        }
        if (fir) {
            firFields.add("valueFir");
            init.add("valueFir = fir(\"value_fir\", dim, FIR_TAPS);");
            fields.add("firGate");
            init.add("firGate = dense(\"fir_gate\", dim, HEADS, 1f);");
        }
        if (spec.outputGate()) {
            fields.add("outGate");
            init.add("outGate = dense(\"out_gate\", dim, dim);");
        }
        init.add("norm = rmsNorm(\"norm\", dim / HEADS);");
        fields.add("out");
        init.add("out = dense(\"out\", dim, dim);");

        StringBuilder src = new StringBuilder();
        src.append("import ai.djl.ndarray.NDArray;\n")
           .append("import dev.asiarch.kernels.Activations;\n")
           .append("import dev.asiarch.kernels.CausalFir;\n")
           .append("import dev.asiarch.kernels.Dense;\n")
           .append("import dev.asiarch.kernels.").append(delta ? "DeltaRule" : "LinearAttention").append(";\n")
           .append("import dev.asiarch.kernels.Heads;\n")
           .append("import dev.asiarch.kernels.Norm;\n")
           .append("import dev.asiarch.kernels.RmsNorm;\n")
           .append("import dev.asiarch.kernels.TokenMixer;\n\n")
           .append("/**\n * ").append(spec.displayName()).append(": ").append(summary).append("\n")
           .append(" * Generated from spec {@code ").append(spec.encode()).append("}.\n */\n")
           .append("public final class ").append(cls).append(" extends TokenMixer {\n\n")
           .append("    private static final int HEADS = ").append(spec.heads()).append(";\n")
           .append("    private static final int CHUNK = ").append(CHUNK).append(";\n");
        if (conv) {
            src.append("    private static final int CONV_TAPS = ").append(spec.shortConv()).append(";\n");
        }
        if (fir) {
            src.append("    private static final int FIR_TAPS = ").append(spec.firTaps()).append(";\n");
        }
        src.append("\n");
        for (String field : fields) {
            src.append("    private final Dense ").append(field).append(";\n");
        }
        for (String field : firFields) {
            src.append("    private final CausalFir ").append(field).append(";\n");
        }
        src.append("    private final RmsNorm norm;\n\n")
           .append("    public ").append(cls).append("(int dim) {\n        super(dim);\n");
        for (String line : init) {
            src.append("        ").append(line).append("\n");
        }
        src.append("    }\n\n    @Override\n    protected NDArray mix(NDArray x) {\n");

        String qIn = conv ? "qConv.apply(q.apply(x))" : "q.apply(x)";
        String kIn = conv ? "kConv.apply(k.apply(x))" : "k.apply(x)";
        String vIn = conv ? "Activations.silu(vConv.apply(v.apply(x)))" : "v.apply(x)";
        src.append("        NDArray queries = Norm.l2(Heads.split(").append(spec.featureMap().apply(qIn)).append(", HEADS));\n")
           .append("        NDArray keys = Norm.l2(Heads.split(").append(spec.featureMap().apply(kIn)).append(", HEADS));\n")
           .append("        NDArray values = Heads.split(").append(vIn).append(", HEADS);\n");
        if (delta) {
            src.append("        NDArray writeStrength = Heads.perHead(Activations.sigmoid(beta.apply(x)));\n")
               .append("        NDArray mixed = DeltaRule.chunked(queries, keys, values, writeStrength, CHUNK);\n");
        } else {
            src.append("        NDArray mixed = LinearAttention.chunked(queries, keys, values, CHUNK);\n");
        }
        if (fir) {
            src.append("        NDArray local = Heads.split(valueFir.apply(v.apply(x)), HEADS);\n")
               .append("        NDArray keep = Heads.perHead(Activations.sigmoid(firGate.apply(x))).expandDims(3);\n")
               .append("        mixed = mixed.mul(keep).add(local.mul(keep.neg().add(1f)));\n");
        }
        src.append("        NDArray merged = Heads.merge(norm.apply(mixed));\n");
        if (spec.outputGate()) {
            src.append("        merged = merged.mul(Activations.silu(outGate.apply(x)));\n");
        }
        src.append("        return out.apply(merged);\n    }\n}\n");
        return src.toString();
    }
}
