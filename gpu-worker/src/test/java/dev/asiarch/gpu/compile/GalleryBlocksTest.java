package dev.asiarch.gpu.compile;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.asiarch.core.program.PublishedSpecs;
import dev.asiarch.core.program.SeedPrograms;
import dev.asiarch.gpu.testing.Candidates;
import dev.asiarch.kernels.TokenMixer;
import dev.asiarch.kernels.programs.Gallery;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gallery written with the kernels' blocks (head projections, gates, routers) computes what the
 * same programs written out by hand computed ({@code handwritten/}): the same weights, under the same
 * names or those the blocks give them, and the same outputs for the same weights and input.
 */
class GalleryBlocksTest {

    /** Hand-written weight names that the blocks name after their router. */
    private static final Map<String, String> RENAMED = Map.of(
            "PathGateFusionNet/log_temperature", "pool_logits.log_temperature",
            "ContentSharpRouter/sharpness", "router_logits.sharpness",
            "FusionGatedFIRNet/log_temperature", "gate_logits.log_temperature",
            "HierGateNet/macro_gate.weight", "fine_logits.split.weight",
            "HierGateNet/macro_gate.bias", "fine_logits.split.bias",
            "HierGateNet/floor_logits.weight", "fine_logits.floor.weight",
            "HierGateNet/floor_logits.bias", "fine_logits.floor.bias");

    private static final int DIM = 32;
    /** Longer than one chunk of 32 and no multiple of it. */
    private static final int TIME = 45;

    static Stream<String> programs() {
        return Stream.concat(Gallery.names().stream(), Stream.of(Gallery.CONTROL));
    }

    private static TokenMixer create(String source) throws Exception {
        return InMemoryCompiler.forThisProcess().compile(source).load(GalleryBlocksTest.class.getClassLoader()).create(DIM);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void rewrittenProgramComputesWhatTheHandWrittenOneDid(String name) throws Exception {
        assertSameMixer(name, create(Candidates.resource("handwritten/" + name + ".java")), create(Gallery.source(name)),
                weight -> RENAMED.getOrDefault(name + "/" + weight, weight));
    }

    /**
     * Generated weight names, prefix by prefix, as the gallery's hand-written design names them. The
     * generator names a path's filter for its taps and a router for its role; AdaMultiPathGateNet lays
     * its routing weights out differently (a head projection and two biases), so it is compared by
     * training instead.
     */
    private static final Map<String, List<String[]>> GENERATED_NAMES = Map.of(
            "DeltaNet", List.of(),
            "GatedDeltaNet", List.of(),
            "PathGateFusionNet", List.of(new String[] {"fir_3", "fir_short"}, new String[] {"fir_31", "fir_long"},
                    new String[] {"pool", "pool_logits"}, new String[] {"residual_scale", "short_residual"}),
            "HierGateNet", List.of(new String[] {"fir_3", "fir_short"}, new String[] {"fir_31", "fir_long"},
                    new String[] {"router", "fine_logits"}),
            "ContentSharpRouter", List.of(new String[] {"fir_3", "fir_short"}, new String[] {"fir_25", "fir_long"},
                    new String[] {"router_hidden", "router_hidden"}, new String[] {"router", "router_logits"}),
            "FusionGatedFIRNet", List.of(new String[] {"fir_3", "fir_short"}, new String[] {"fir_63", "fir_long"},
                    new String[] {"router_hidden", "gate_hidden"}, new String[] {"router", "gate_logits"},
                    new String[] {"retention", "retention_rho"}));

    static Stream<String> designs() {
        return GENERATED_NAMES.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void programGeneratedFromADesignsSpecComputesWhatItsGalleryProgramDoes(String name) throws Exception {
        List<String[]> renames = GENERATED_NAMES.get(name);
        assertSameMixer(name, create(Gallery.source(Gallery.GENERATED + name)), create(Gallery.source(name)),
                weight -> {
                    for (String[] rename : renames) {
                        if (weight.equals(rename[0]) || weight.startsWith(rename[0] + ".")
                                || weight.startsWith(rename[0] + "_")) {
                            return rename[1] + weight.substring(rename[0].length());
                        }
                    }
                    return weight;
                });
    }

    @Test
    void theSeedIsTheGallerysDeltaNet() throws Exception {
        assertSameMixer("seed", create(SeedPrograms.source(SeedPrograms.DELTA_NET)), create(Gallery.source("DeltaNet")),
                weight -> weight);
        assertThat(PublishedSpecs.all()).containsKeys(GENERATED_NAMES.keySet().toArray(String[]::new));
    }

    /** Copies every weight of {@code from} into {@code to} under {@code rename}, then compares their outputs. */
    private static void assertSameMixer(String name, TokenMixer from, TokenMixer to,
                                        java.util.function.UnaryOperator<String> rename) {
        Engine.getInstance().setRandomSeed(17);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, TIME, DIM);
            from.initialize(manager, DataType.FLOAT32, shape);
            to.initialize(manager, DataType.FLOAT32, shape);
            Set<String> renamed = new TreeSet<>();
            for (Pair<String, Parameter> weight : from.getParameters()) {
                String newName = rename.apply(weight.getKey());
                assertThat(to.getParameters().keys()).as(name + ": " + weight.getKey() + " as " + newName).contains(newName);
                NDArray target = to.getParameters().get(newName).getArray();
                assertThat(target.getShape()).as(newName).isEqualTo(weight.getValue().getArray().getShape());
                weight.getValue().getArray().copyTo(target);
                renamed.add(newName);
            }
            assertThat(new TreeSet<>(to.getParameters().keys())).isEqualTo(renamed);
            assertThat(to.parameterCount()).isEqualTo(from.parameterCount());

            NDArray x = manager.randomNormal(shape);
            NDArray expected = forward(from, manager, x);
            NDArray actual = forward(to, manager, x);

            float scale = Math.max(1f, expected.abs().max().getFloat());
            assertThat(actual.sub(expected).abs().max().getFloat() / scale).as(name).isLessThan(1e-5f);
        }
    }

    private static NDArray forward(TokenMixer mixer, NDManager manager, NDArray x) {
        return mixer.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
    }
}
