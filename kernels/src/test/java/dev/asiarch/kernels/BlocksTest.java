package dev.asiarch.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The blocks programs declare once and apply in {@code mix}: their shapes, formulas, causality and gradients. */
class BlocksTest {

    private static final int DIM = 8;
    private static final int HEADS = 2;
    private static final int TIME = 11;

    /** Declares one of each block, the way a program does; {@link #body} says what a forward pass computes. */
    static final class Blocks extends TokenMixer {
        final HeadProjection q = heads("q", HEADS).conv(3).activation(Activations::silu).l2();
        final HeadProjection logits = heads("logits", HEADS, 3 * HEADS);
        final HeadGate beta = headGate("beta", HEADS, 0.5f);
        final Router softmax = router("soft", HEADS, "a", "b", "c").prior(0f, 1f, -1f).temperature().floor(0.05f);
        final Router gates = router("gates", HEADS, "a", "b", "c").sharpness(1f).independent().floor(0.1f);
        final Router tree = router("tree", HEADS, "a", "b", "c").hierarchical(1).floors(0.2f, -1f);
        Function<NDArray, NDArray> body = x -> x;

        Blocks(int dim) {
            super(dim);
        }

        @Override
        protected NDArray mix(NDArray x) {
            return body.apply(x);
        }
    }

    private NDManager manager;
    private Blocks blocks;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(5);
        manager = NDManager.newBaseManager();
        blocks = new Blocks(DIM);
        blocks.initialize(manager, DataType.FLOAT32, new Shape(2, TIME, DIM));
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray run(Function<NDArray, NDArray> body, NDArray x) {
        blocks.body = body;
        return blocks.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
    }

    private NDArray weight(String name) {
        return blocks.getParameters().get(name).getArray();
    }

    private NDArray input() {
        return manager.randomNormal(new Shape(2, TIME, DIM));
    }

    private static void assertClose(NDArray actual, NDArray expected) {
        assertThat(actual.getShape()).isEqualTo(expected.getShape());
        assertThat(actual.sub(expected).abs().max().getFloat()).isLessThan(1e-5f);
    }

    @Test
    void headProjectionIsProjectionConvolutionActivationSplitAndNorm() {
        NDArray x = input();

        NDArray y = run(blocks.q::apply, x);

        NDArray expected = Norm.l2(Heads.split(Activations.silu(
                CausalFir.filter(x.matMul(weight("q.weight")), weight("q_conv.taps"), 3)), HEADS));
        assertClose(y, expected);
        assertThat(y.getShape()).isEqualTo(new Shape(2, HEADS, TIME, DIM / HEADS));
        assertThat(blocks.getParameters().keys()).contains("q.weight", "q_conv.taps");
    }

    @Test
    void headProjectionWithAConvolutionReadsNoLaterToken() {
        NDArray x = input();
        int t = 5;
        NDArray changed = x.duplicate();
        changed.set(new NDIndex(":, " + (t + 1) + ":, :"), 7f);

        NDArray before = run(blocks.q::apply, x).get(":, :, :" + (t + 1));
        NDArray after = run(blocks.q::apply, changed).get(":, :, :" + (t + 1));

        assertClose(after, before);
        assertThat(run(blocks.q::apply, changed).get(":, :, " + (t + 1)).sub(run(blocks.q::apply, x)
                .get(":, :, " + (t + 1))).abs().max().getFloat()).isGreaterThan(0f);
    }

    @Test
    void headProjectionRefusesAWidthThatDoesNotSplitIntoHeads() {
        assertThatThrownBy(() -> new TokenMixer(DIM) {
            final HeadProjection odd = heads("odd", 3);

            @Override
            protected NDArray mix(NDArray x) {
                return x;
            }
        }).hasMessageContaining("width 8 must split into 3 heads");
    }

    @Test
    void headGateIsASigmoidPerHeadAndToken() {
        NDArray x = input();

        NDArray gate = run(blocks.beta::apply, x);
        NDArray scaled = run(in -> blocks.beta.scale(in, Heads.split(in, HEADS)), x);

        NDArray expected = Activations.sigmoid(x.matMul(weight("beta.weight")).add(weight("beta.bias")))
                .transpose(0, 2, 1);
        assertClose(gate, expected);
        assertClose(scaled, Heads.split(x, HEADS).mul(expected.expandDims(3)));
    }

    @Test
    void softmaxRouterAddsThePriorDividesByTheTemperatureAndKeepsTheFloor() {
        NDArray x = input();

        NDArray w = run(blocks.softmax::weights, x);

        NDArray logits = Heads.split(x.matMul(weight("soft.weight")).add(weight("soft.bias")), HEADS)
                .add(manager.create(new float[] {0f, 1f, -1f}))
                .div(weight("soft.log_temperature").exp());
        assertClose(w, logits.softmax(3).mul(0.85f).add(0.05f));
        assertClose(w.sum(new int[] {3}), manager.ones(new Shape(2, HEADS, TIME)));
        assertThat(w.min().getFloat()).isGreaterThanOrEqualTo(0.05f);
    }

    @Test
    void independentGatesScaleBySharpnessAndStayBetweenFloorAndOne() {
        NDArray x = input();

        NDArray w = run(blocks.gates::weights, x);

        NDArray logits = Heads.split(x.matMul(weight("gates.weight")).add(weight("gates.bias")), HEADS)
                .mul(Activations.softplus(weight("gates.sharpness")));
        assertClose(w, Activations.sigmoid(logits).mul(0.9f).add(0.1f));
        assertThat(w.min().getFloat()).isGreaterThanOrEqualTo(0.1f);
        assertThat(w.max().getFloat()).isLessThanOrEqualTo(1f);
    }

    @Test
    void hierarchicalRouterSplitsTheMassBetweenGroupsAboveItsLearnedFloors() {
        NDArray x = input();

        NDArray w = run(blocks.tree::weights, x);

        NDArray floors = Activations.sigmoid(Heads.split(
                x.matMul(weight("tree.floor.weight")).add(weight("tree.floor.bias")), HEADS)).mul(0.2f);
        NDArray free = floors.sum(new int[] {3}, true).neg().add(1f);
        NDArray first = Activations.sigmoid(x.matMul(weight("tree.split.weight")).add(weight("tree.split.bias")))
                .transpose(0, 2, 1).expandDims(3);
        NDArray shares = w.sub(floors).div(free);
        assertClose(shares.get("..., :1"), first);
        assertClose(shares.get("..., 1:").sum(new int[] {3}, true), first.neg().add(1f));
        assertClose(w.sum(new int[] {3}), manager.ones(new Shape(2, HEADS, TIME)));
        assertThat(w.sub(floors).min().getFloat()).isGreaterThanOrEqualTo(0f);
    }

    @Test
    void routerBlendsItsNamedPathsAndSaysWhichItExpects() {
        NDArray x = input();
        NDArray a = manager.randomNormal(new Shape(2, HEADS, TIME, 4));
        NDArray b = manager.randomNormal(new Shape(2, HEADS, TIME, 4));
        NDArray c = manager.randomNormal(new Shape(2, HEADS, TIME, 4));

        NDArray blended = run(in -> blocks.softmax.blend(in, a, b, c), x);

        NDArray w = run(blocks.softmax::weights, x);
        NDArray expected = a.mul(w.get("..., 0:1")).add(b.mul(w.get("..., 1:2"))).add(c.mul(w.get("..., 2:3")));
        assertClose(blended, expected);
        assertThat(blocks.softmax.paths()).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> run(in -> blocks.softmax.blend(in, a, b), x))
                .hasMessageContaining("router 'soft' blends 3 paths [a, b, c], but was given 2");
    }

    @Test
    void gradientsReachEveryWeightOfTheBlocks() {
        NDArray x = input();
        NDArray r = manager.randomNormal(new Shape(2, HEADS, TIME, 4));
        blocks.body = in -> {
            NDArray q = blocks.beta.scale(in, blocks.q.apply(in));
            NDArray paths = blocks.softmax.blend(in, q, q.square(), q.neg())
                    .add(blocks.gates.blend(in, q, q, q))
                    .add(blocks.tree.blend(in, q, q.square(), q.abs()));
            return paths.add(Blend.weighted(Router.softmax(blocks.logits.apply(in), 0.1f), q, q, q));
        };
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = blocks.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
            collector.backward(y.mul(r).sum());
        }
        for (var parameter : blocks.getParameters()) {
            assertThat(parameter.getValue().getArray().getGradient().abs().sum().getFloat())
                    .as(parameter.getKey()).isGreaterThan(0f);
        }
    }

    @Test
    void blendBetweenSharesTwoPathsAndWeightedCountsItsPaths() {
        NDArray share = manager.randomUniform(0f, 1f, new Shape(2, HEADS, TIME));
        NDArray a = manager.randomNormal(new Shape(2, HEADS, TIME, 4));
        NDArray b = manager.randomNormal(new Shape(2, HEADS, TIME, 4));

        NDArray between = Blend.between(share, a, b);

        NDArray s = share.expandDims(3);
        assertClose(between, a.mul(s).add(b.mul(s.neg().add(1f))));
        assertClose(Blend.weighted(manager.create(new float[] {0.25f, 0.75f}).broadcast(2, HEADS, TIME, 2), a, b),
                a.mul(0.25f).add(b.mul(0.75f)));
        assertThatThrownBy(() -> Blend.weighted(manager.ones(new Shape(2, HEADS, TIME, 3)), a, b))
                .hasMessageContaining("weights for 3 paths, but 2 paths to blend");
    }

    @Test
    void firFiltersPerHeadArraysAsTheMergedStream() {
        NDArray stream = input();
        TokenMixer mixer = new TokenMixer(DIM) {
            final CausalFir fir = fir("fir", DIM, 4);

            @Override
            protected NDArray mix(NDArray x) {
                return Heads.merge(fir.apply(Heads.split(x, HEADS))).sub(fir.apply(x));
            }
        };
        mixer.initialize(manager, DataType.FLOAT32, stream.getShape());

        NDArray difference = mixer.forward(new ParameterStore(manager, false), new NDList(stream), false)
                .singletonOrThrow();

        assertThat(difference.abs().max().getFloat()).isEqualTo(0f);
    }

    @Test
    void pathStatisticsSummariseEachHeadOfEachToken() {
        NDArray a = manager.randomNormal(new Shape(2, HEADS, TIME, 4));
        NDArray b = manager.randomNormal(new Shape(2, HEADS, TIME, 4));

        NDArray moments = PathStatistics.meanAndDeviation(a, b);
        NDArray magnitudes = PathStatistics.meanMagnitude(a, b);

        assertThat(moments.getShape()).isEqualTo(new Shape(2, TIME, HEADS * 4));
        assertThat(magnitudes.getShape()).isEqualTo(new Shape(2, TIME, HEADS * 2));
        // head 1 of token 3 of sequence 0: (mean a, std a, mean b, std b) at columns 4..7
        NDArray b13 = b.get("0, 1, 3");
        float mean = b13.mean().getFloat();
        float std = (float) Math.sqrt(b13.sub(mean).square().mean().getFloat() + Norm.EPSILON);
        assertThat(moments.get("0, 3, 6").getFloat()).isCloseTo(mean, Offset.offset(1e-5f));
        assertThat(moments.get("0, 3, 7").getFloat()).isCloseTo(std, Offset.offset(1e-5f));
        assertThat(magnitudes.get("0, 3, 3").getFloat())
                .isCloseTo(b13.abs().mean().getFloat(), Offset.offset(1e-5f));
    }
}
