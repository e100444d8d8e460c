package dev.asiarch.gpu.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asiarch.core.program.SeedPrograms;
import dev.asiarch.gpu.testing.Candidates;
import org.junit.jupiter.api.Test;

class InMemoryCompilerTest {

    private final InMemoryCompiler compiler = InMemoryCompiler.forThisProcess();

    @Test
    void compilesTheSeedProgramToBytecodeInMemory() throws Exception {
        CompiledMixer compiled = compiler.compile(SeedPrograms.source(SeedPrograms.DELTA_NET));

        assertThat(compiled.className()).isEqualTo("DeltaNet");
        assertThat(compiled.load(getClass().getClassLoader()).create(16).dim()).isEqualTo(16);
    }

    @Test
    void compileErrorsNameTheLineAndTheProblem() {
        assertThatThrownBy(() -> compiler.compile(Candidates.DOES_NOT_COMPILE))
                .isInstanceOf(CompilationException.class)
                .hasMessageContaining("line 11")
                .hasMessageContaining("frobnicate");
    }

    @Test
    void sourceWithoutAMixerClassIsRejectedBeforeCompiling() {
        assertThatThrownBy(() -> compiler.compile("public class Nothing {}"))
                .isInstanceOf(CompilationException.class)
                .hasMessageContaining("extends TokenMixer");
    }
}
