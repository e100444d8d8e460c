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
import dev.asiarch.core.program.Gallery;
import dev.asiarch.gpu.testing.Candidates;
import dev.asiarch.kernels.TokenMixer;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
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

    private TokenMixer create(String source) throws Exception {
        return InMemoryCompiler.forThisProcess().compile(source).load(getClass().getClassLoader()).create(DIM);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void rewrittenProgramComputesWhatTheHandWrittenOneDid(String name) throws Exception {
        TokenMixer before = create(Candidates.resource("handwritten/" + name + ".java"));
        TokenMixer after = create(Gallery.source(name));
        Engine.getInstance().setRandomSeed(17);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, TIME, DIM);
            before.initialize(manager, DataType.FLOAT32, shape);
            after.initialize(manager, DataType.FLOAT32, shape);
            Set<String> renamed = new TreeSet<>();
            for (Pair<String, Parameter> weight : before.getParameters()) {
                String newName = RENAMED.getOrDefault(name + "/" + weight.getKey(), weight.getKey());
                NDArray target = after.getParameters().get(newName).getArray();
                assertThat(target.getShape()).as(newName).isEqualTo(weight.getValue().getArray().getShape());
                weight.getValue().getArray().copyTo(target);
                renamed.add(newName);
            }
            assertThat(new TreeSet<>(after.getParameters().keys())).isEqualTo(renamed);
            assertThat(after.parameterCount()).isEqualTo(before.parameterCount());

            NDArray x = manager.randomNormal(shape);
            NDArray expected = forward(before, manager, x);
            NDArray actual = forward(after, manager, x);

            float scale = Math.max(1f, expected.abs().max().getFloat());
            assertThat(actual.sub(expected).abs().max().getFloat() / scale).as(name).isLessThan(1e-5f);
        }
    }

    private static NDArray forward(TokenMixer mixer, NDManager manager, NDArray x) {
        return mixer.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
    }
}
