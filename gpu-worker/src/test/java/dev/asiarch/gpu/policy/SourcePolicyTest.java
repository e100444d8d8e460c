package dev.asiarch.gpu.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.kernels.programs.Gallery;
import dev.asiarch.gpu.compile.InMemoryCompiler;
import dev.asiarch.gpu.compile.PolicyViolationException;
import dev.asiarch.gpu.testing.Candidates;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The allow-list, enforced on attributed source before any bytecode exists, and again at link time. */
class SourcePolicyTest {

    private final InMemoryCompiler compiler = InMemoryCompiler.forThisProcess();

    static Stream<Candidates.Hostile> refusedByPolicy() {
        return Candidates.corpus().stream().filter(entry -> entry.expected() == FailureReason.POLICY_VIOLATION);
    }

    static Stream<String> programs() {
        return Stream.concat(Gallery.names().stream(), Stream.of(Gallery.CONTROL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedByPolicy")
    void refusesHostileSourceBeforeGeneratingCode(Candidates.Hostile hostile) {
        assertThatThrownBy(() -> compiler.compile(hostile.source()))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessageContaining("line ")
                .hasMessageContaining("is not allowed");
    }

    @Test
    void namesTheRuleEachRefusalBreaks() throws Exception {
        Map<String, PolicyRule> expected = Map.ofEntries(
                Map.entry("ExitsTheJvm", PolicyRule.SYSTEM),
                Map.entry("OpensASocket", PolicyRule.NETWORK),
                Map.entry("ReadsAFile", PolicyRule.FILES),
                Map.entry("StartsAThread", PolicyRule.THREADS),
                Map.entry("UsesReflection", PolicyRule.REFLECTION),
                Map.entry("RunsACommand", PolicyRule.SYSTEM),
                Map.entry("BuildsAProcess", PolicyRule.PROCESSES),
                Map.entry("ReadsTheEnvironment", PolicyRule.SYSTEM),
                Map.entry("LoadsClasses", PolicyRule.CLASS_LOADING),
                Map.entry("SubmitsToAnExecutor", PolicyRule.THREADS),
                Map.entry("InspectsItsOwnClass", PolicyRule.REFLECTION),
                Map.entry("UsesUnsafe", PolicyRule.NATIVE_ACCESS),
                Map.entry("CountsCalls", PolicyRule.STATIC_STATE),
                Map.entry("NativeMethod", PolicyRule.NATIVE_ACCESS),
                Map.entry("ParallelFill", PolicyRule.THREADS),
                Map.entry("EnumHoldsState", PolicyRule.STATIC_STATE),
                Map.entry("DeclaresAFinalizer", PolicyRule.THREADS),
                Map.entry("ReadsAPropertyThroughInteger", PolicyRule.SYSTEM),
                Map.entry("OpensItsOwnScope", PolicyRule.ENGINE_INTERNALS),
                Map.entry("CreatesItsOwnManager", PolicyRule.ENGINE_INTERNALS),
                Map.entry("LaunchesKernelsItself", PolicyRule.ENGINE_INTERNALS),
                Map.entry("HidesParametersFromTheListing", PolicyRule.FRAMEWORK_OVERRIDE),
                Map.entry("MakesACyclicCause", PolicyRule.NOT_ALLOWED));
        for (var entry : expected.entrySet()) {
            List<PolicyRule> rules;
            try {
                compiler.compile(Candidates.source(entry.getKey()));
                throw new AssertionError(entry.getKey() + " compiled");
            } catch (PolicyViolationException e) {
                rules = e.violations().stream().map(PolicyViolation::rule).toList();
            }
            assertThat(rules).as(entry.getKey()).contains(entry.getValue());
        }
    }

    @Test
    void theDiagnosticPointsAtTheLine() {
        assertThatThrownBy(() -> compiler.compile(Candidates.source("ExitsTheJvm")))
                .hasMessageContaining("line 12, column 9: call of exit uses java.lang.System")
                .hasMessageContaining("System and Runtime is not allowed");
    }

    static Stream<Candidates.Legitimate> legitimate() {
        return Candidates.legitimate().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legitimate")
    void acceptsTheJavaModelsWriteEveryDay(Candidates.Legitimate program) throws Exception {
        assertThat(compiler.compile(program.source()).className()).isEqualTo(program.name());
    }

    @Test
    void refusesCallsThatCorruptGradientsAndHaveNoSafeTwin() {
        String source = """
                import ai.djl.ndarray.NDArray;
                import ai.djl.ndarray.NDArrays;
                import dev.asiarch.kernels.TokenMixer;

                public final class ReverseInPlace extends TokenMixer {
                    public ReverseInPlace(int dim) {
                        super(dim);
                    }

                    @Override
                    protected NDArray mix(NDArray x) {
                        return NDArrays.divi(2f, x.toRadians());
                    }
                }
                """;
        assertThatThrownBy(() -> compiler.compile(source))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessageContaining("NDArrays.divi(Number, NDArray) corrupts gradients; write Scalars.div(n, x)")
                .hasMessageContaining("an operation whose gradient a garbage collection corrupts is not allowed");
        assertThatThrownBy(() -> compiler.compile(source.replace("NDArrays.divi(2f, x.toRadians())", "x.toRadians()")))
                .hasMessageContaining("NDArray.toRadians corrupts gradients");
    }

    @Test
    void mayOverrideOnlyMixAndAnInitialisersInitialize() {
        String source = """
                import ai.djl.ndarray.NDArray;
                import ai.djl.ndarray.types.Shape;
                import dev.asiarch.kernels.TokenMixer;

                public final class Overrides extends TokenMixer {
                    public Overrides(int dim) {
                        super(dim);
                    }

                    @Override
                    public Shape[] getOutputShapes(Shape[] inputs) {
                        return inputs;
                    }

                    @Override
                    protected NDArray mix(NDArray x) {
                        return x;
                    }

                    @Override
                    public String toString() {
                        return "a mixer may still say what it is";
                    }
                }
                """;
        assertThatThrownBy(() -> compiler.compile(source))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessageContaining("line 10, column 5: method getOutputShapes overrides TokenMixer.getOutputShapes")
                .satisfies(e -> assertThat(((PolicyViolationException) e).violations()).hasSize(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void everyGalleryProgramIsWithinTheAllowList(String name) throws Exception {
        assertThat(compiler.compile(Gallery.source(name)).className()).isEqualTo(name);
    }

    @Test
    void theLoaderRefusesToLinkAClassOutsideTheListWhateverTheSourceSaid() throws Exception {
        // Compiled here with plain javac, around the source policy, as a tampered or smuggled class would be.
        Map<String, byte[]> bytecode = compileWithoutPolicy("Smuggler", """
                public class Smuggler implements java.util.function.Supplier<Object> {
                    public Object get() {
                        return new java.io.File("/etc/passwd").exists();
                    }
                }
                """);
        CandidateClassLoader loader = new CandidateClassLoader(bytecode, getClass().getClassLoader());
        @SuppressWarnings("unchecked")
        java.util.function.Supplier<Object> smuggler = (java.util.function.Supplier<Object>)
                loader.loadClass("Smuggler").getConstructor().newInstance();

        assertThatThrownBy(smuggler::get)
                .isInstanceOf(NoClassDefFoundError.class)
                .hasMessageContaining(CandidateClassLoader.REFUSAL + "java.io.File")
                .hasMessageContaining("file access");
    }

    private static Map<String, byte[]> compileWithoutPolicy(String className, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(null, Locale.ROOT, null);
        var files = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(name, n -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        assertThat(javac.getTask(null, files, null, List.of("--release", "17"), null, List.of(unit)).call()).isTrue();
        Map<String, byte[]> bytecode = new HashMap<>();
        out.forEach((name, bytes) -> bytecode.put(name, bytes.toByteArray()));
        return bytecode;
    }
}
