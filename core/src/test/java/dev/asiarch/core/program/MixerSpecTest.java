package dev.asiarch.core.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asiarch.core.program.MixerSpec.Fusion;
import dev.asiarch.core.program.MixerSpec.FusionKind;
import dev.asiarch.core.program.MixerSpec.Memory;
import dev.asiarch.core.program.MixerSpec.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MixerSpecTest {

    @Test
    void everySampledPointRoundTripsThroughItsEncodingAndNamesAClass() {
        Random random = new Random(7);
        Set<String> encodings = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            MixerSpec spec = MixerSpec.sample(random);
            assertThat(MixerSpec.parse(spec.encode())).isEqualTo(spec);
            assertThat(spec.encode().length()).isLessThanOrEqualTo(500);  // the store's column
            assertThat(MixerSourceGenerator.className(spec)).matches("[A-Z][A-Za-z0-9]{1,63}");
            assertThat(MixerSource.className(MixerSourceGenerator.generate(spec, "sampled")))
                    .contains(MixerSourceGenerator.className(spec));
            encodings.add(spec.encode());
        }
        assertThat(encodings).as("the space is wide").hasSizeGreaterThan(450);
    }

    @Test
    void thePublishedDesignsArePointsOfTheSpace() {
        Map<String, MixerSpec> published = PublishedSpecs.all();
        assertThat(published.keySet()).containsExactly("DeltaNet", "GatedDeltaNet", "PathGateFusionNet", "HierGateNet",
                "ContentSharpRouter", "FusionGatedFIRNet", "AdaMultiPathGateNet");
        published.values().forEach(spec -> assertThat(MixerSpec.parse(spec.encode())).isEqualTo(spec));

        String pathGate = MixerSourceGenerator.generate(published.get("PathGateFusionNet"), "t");
        assertThat(pathGate).contains("router(\"pool\", HEADS, \"fir3\", \"fir31\", \"memory\").temperature()")
                .contains("Blend.between(identity.apply(x), values, pool.blend(x, fir3, fir31, memory))")
                .contains("residualScale").contains("outputGate.scale(x, norm.apply(mixed))");
        String hier = MixerSourceGenerator.generate(published.get("HierGateNet"), "t");
        assertThat(hier).contains("\n            .hierarchical(2)\n            .floors(0.2f, -1f);");
        String fusion = MixerSourceGenerator.generate(published.get("FusionGatedFIRNet"), "t");
        assertThat(fusion).contains("GatedDeltaRule.chunked").contains(".prior(-1.0f, -1.0f, 1.0f, 3.0f)")
                .contains("\n            .independent()\n            .floor(0.02f);").contains("PathStatistics.meanMagnitude(fir3, fir63, memory, values)");
    }

    @Test
    void theSeedSpecGeneratesTheSeedsWeights() {
        String generated = MixerSourceGenerator.generate(MixerSpec.deltaNet(), "the seed");
        for (String declaration : List.of("heads(\"q\", HEADS).conv(4).activation(Activations::silu).l2()",
                "heads(\"v\", HEADS).conv(4).activation(Activations::silu)", "headGate(\"beta\", HEADS, 0f)",
                "rmsNorm(\"norm\", dim() / HEADS)", "dense(\"out\", dim(), dim())")) {
            assertThat(generated).contains(declaration);
        }
        assertThat(generated).doesNotContain("Router").contains("DeltaRule.chunked(q.apply(x), k.apply(x), values,");
    }

    @Test
    void settlingTurnsAnyCombinationIntoAValidSpec() {
        // No memory and no FIR: a FIR path is added; the feature map goes with the queries.
        MixerSpec noMixing = MixerSpec.settled(Memory.NONE, MixerSpec.Decay.RETENTION, FeatureMap.RELU, 0,
                List.of(Path.VALUE), Fusion.of(FusionKind.TWO_STAGE), true, MixerSpec.OutputGate.NONE, 4);
        assertThat(noMixing.paths()).containsExactly(Path.fir(3), Path.VALUE);
        assertThat(noMixing.featureMap()).isEqualTo(FeatureMap.IDENTITY);
        assertThat(noMixing.decay()).isEqualTo(MixerSpec.Decay.TOKEN);
        assertThat(noMixing.fusion().kind()).isEqualTo(FusionKind.SOFTMAX);  // two-stage needs three paths
        // A memory without its path gets it; one path needs no fusion; a residual needs a FIR.
        MixerSpec single = MixerSpec.settled(Memory.DELTA, MixerSpec.Decay.TOKEN, FeatureMap.SILU, 4, List.of(),
                Fusion.of(FusionKind.SIGMOID), true, MixerSpec.OutputGate.NONE, 4);
        assertThat(single.paths()).containsExactly(Path.MEMORY);
        assertThat(single.fusion()).isEqualTo(Fusion.NONE);
        assertThat(single.residual()).isFalse();
    }

    @Test
    void specsWhosePartsDoNotFitAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new MixerSpec(Memory.DELTA, MixerSpec.Decay.TOKEN, FeatureMap.SILU, 4,
                List.of(Path.MEMORY, Path.fir(3)), Fusion.NONE, false, MixerSpec.OutputGate.NONE, 4))
                .hasMessageContaining("fusion NONE does not fit 2 path(s)");
        assertThatThrownBy(() -> new MixerSpec(Memory.LINEAR, MixerSpec.Decay.TOKEN, FeatureMap.SILU, 4,
                List.of(Path.fir(3)), Fusion.NONE, false, MixerSpec.OutputGate.NONE, 4))
                .hasMessageContaining("memory path must be present");
    }

    @Test
    void theFirstEncodingIsReadAsTheSameMixer() {
        MixerSpec old = MixerSpec.parse("recurrence=linear;featureMap=elu_plus_one;shortConv=0;fir=16;outputGate=true;heads=2");

        assertThat(old.memory()).isEqualTo(Memory.LINEAR);
        assertThat(old.featureMap()).isEqualTo(FeatureMap.ELU_PLUS_ONE);
        assertThat(old.paths()).containsExactly(Path.MEMORY, Path.fir(16));
        assertThat(old.outputGate()).isEqualTo(MixerSpec.OutputGate.SILU);
        assertThat(MixerSpec.parse("recurrence=delta;featureMap=silu;shortConv=4;fir=0;outputGate=false;heads=4"))
                .isEqualTo(MixerSpec.deltaNet());
    }

    @Test
    void malformedSpecsNameTheField() {
        assertThatThrownBy(() -> MixerSpec.parse("memory=delta;featureMap=silu"))
                .hasMessageContaining("'decay', 'shortConv', 'paths'").hasMessageContaining("are missing");
        assertThatThrownBy(() -> MixerSpec.parse("memory"))
                .hasMessageContaining("not key=value");
        String bad = MixerSpec.deltaNet().encode().replace("fusion=none", "fusion=blender");
        assertThatThrownBy(() -> MixerSpec.parse(bad)).hasMessageContaining("'blender' is not a FusionKind");
        String badPath = MixerSpec.deltaNet().encode().replace("paths=memory", "paths=memory,firx");
        assertThatThrownBy(() -> MixerSpec.parse(badPath)).hasMessageContaining("spec is not valid");
    }

    @Test
    void seedProgramShipsAsAResource() {
        assertThat(MixerSource.className(SeedPrograms.source(SeedPrograms.DELTA_NET))).contains("DeltaNet");
        assertThatThrownBy(() -> SeedPrograms.source("Nope")).hasMessageContaining("no seed program called 'Nope'");
    }
}
