package dev.asiarch.core.program;

import dev.asiarch.core.program.MixerSpec.Decay;
import dev.asiarch.core.program.MixerSpec.Fusion;
import dev.asiarch.core.program.MixerSpec.FusionKind;
import dev.asiarch.core.program.MixerSpec.Memory;
import dev.asiarch.core.program.MixerSpec.OutputGate;
import dev.asiarch.core.program.MixerSpec.Path;
import dev.asiarch.core.program.MixerSpec.RouterInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gallery's designs as points of the {@link MixerSpec} space: DeltaNet, GatedDeltaNet and the five
 * published ASI-Arch designs, each the spec whose generated program does what the hand-written
 * gallery program does (same paths, fusion and gates; a router's weights may be laid out differently).
 */
public final class PublishedSpecs {

    private PublishedSpecs() {
    }

    /** Every named spec, in the gallery's order. */
    public static Map<String, MixerSpec> all() {
        Map<String, MixerSpec> specs = new LinkedHashMap<>();
        specs.put("DeltaNet", MixerSpec.deltaNet());
        specs.put("GatedDeltaNet", new MixerSpec(Memory.GATED_DELTA, Decay.TOKEN, FeatureMap.SILU, 4,
                List.of(Path.MEMORY), Fusion.NONE, false, OutputGate.SILU, 4));
        // Stage one: values against a pool; stage two: a softmax at a learned temperature over the pool.
        specs.put("PathGateFusionNet", delta(List.of(Path.fir(3), Path.fir(31), Path.MEMORY, Path.VALUE),
                new Fusion(FusionKind.TWO_STAGE, RouterInput.HIDDEN, true, false, 0f, false, List.of(), 0), true,
                OutputGate.HEAD));
        // Local group (values, short FIR) against global (long FIR, memory), with learned floors.
        specs.put("HierGateNet", delta(List.of(Path.VALUE, Path.fir(3), Path.fir(31), Path.MEMORY),
                new Fusion(FusionKind.HIERARCHICAL, RouterInput.HIDDEN, false, false, 0f, true, List.of(), 2), false,
                OutputGate.NONE));
        specs.put("ContentSharpRouter", delta(List.of(Path.fir(3), Path.fir(25), Path.MEMORY, Path.VALUE),
                new Fusion(FusionKind.SOFTMAX, RouterInput.CONTENT, false, true, 0f, false, List.of(0f, 0f, 0f, 2f), 0),
                false, OutputGate.NONE));
        specs.put("FusionGatedFIRNet", new MixerSpec(Memory.GATED_DELTA, Decay.RETENTION, FeatureMap.SILU, 4,
                List.of(Path.fir(3), Path.fir(63), Path.MEMORY, Path.VALUE),
                new Fusion(FusionKind.SIGMOID, RouterInput.MAGNITUDE, true, false, 0.02f, false,
                        List.of(-1f, -1f, 1f, 3f), 0), false, OutputGate.NONE, 4));
        specs.put("AdaMultiPathGateNet", delta(List.of(Path.fir(3), Path.fir(31), Path.MEMORY, Path.VALUE),
                new Fusion(FusionKind.SOFTMAX, RouterInput.HIDDEN, false, false, 0.02f, false, List.of(), 0), false,
                OutputGate.NONE));
        return specs;
    }

    /** The spec of a gallery program, when it has one. */
    public static Optional<MixerSpec> of(String name) {
        return Optional.ofNullable(all().get(name));
    }

    private static MixerSpec delta(List<Path> paths, Fusion fusion, boolean residual, OutputGate gate) {
        return new MixerSpec(Memory.DELTA, Decay.TOKEN, FeatureMap.SILU, 4, paths, fusion, residual, gate, 4);
    }
}
