package dev.asiarch.core.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArchitectureSpecTest {

    @Test
    void encodingRoundTripsAndNamesTheComponents() {
        ArchitectureSpec spec = new ArchitectureSpec(Recurrence.DELTA, FeatureMap.SILU, 4, 16, true, 8);

        assertThat(ArchitectureSpec.parse(spec.encode())).isEqualTo(spec);
        assertThat(spec.displayName()).isEqualTo("SiluDelta-Conv4-Fir16Gate-OutGate-H8");
        assertThat(MixerSourceGenerator.className(spec)).isEqualTo("SiluDeltaConv4Fir16GateOutGateH8");
    }

    @Test
    void malformedSpecsNameTheField() {
        assertThatThrownBy(() -> ArchitectureSpec.parse("recurrence=delta;featureMap=silu"))
                .hasMessageContaining("'shortConv' is missing");
        assertThatThrownBy(() -> ArchitectureSpec.parse("recurrence"))
                .hasMessageContaining("not key=value");
    }

    @Test
    void generatedSourceDeclaresTheMixerClass() {
        ArchitectureSpec spec = new ArchitectureSpec(Recurrence.LINEAR, FeatureMap.ELU_PLUS_ONE, 0, 8, false, 2);

        String source = MixerSourceGenerator.generate(spec, "a test");

        assertThat(MixerSource.className(source)).contains("EluLinAttn" + "Fir8GateH2");
        assertThat(source).contains("LinearAttention.chunked").contains("valueFir").doesNotContain("DeltaRule");
    }

    @Test
    void seedProgramShipsAsAResource() {
        assertThat(MixerSource.className(SeedPrograms.source(SeedPrograms.DELTA_NET))).contains("DeltaNet");
        assertThatThrownBy(() -> SeedPrograms.source("Nope")).hasMessageContaining("no seed program called 'Nope'");
    }
}
