package dev.asiarch.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class TokenMixerTest {

    /** A mixer of the kind a program is: short conv, then a projection. */
    static final class ConvMixer extends TokenMixer {
        private final CausalFir conv;
        private final Dense out;

        ConvMixer(int dim) {
            super(dim);
            conv = fir("conv", dim, 3);
            out = dense("out", dim, dim, 0f);
        }

        @Override
        protected NDArray mix(NDArray x) {
            return out.apply(conv.apply(x));
        }
    }

    @Test
    void mixerKeepsShapeAndCountsItsWeights() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            ConvMixer mixer = new ConvMixer(8);
            mixer.initialize(manager, DataType.FLOAT32, new Shape(2, 10, 8));
            NDArray x = manager.randomNormal(new Shape(2, 10, 8));

            NDArray y = mixer.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();

            assertThat(y.getShape()).isEqualTo(new Shape(2, 10, 8));
            assertThat(mixer.parameterCount()).isEqualTo(8 * 3 + 8 * 8 + 8);
        }
    }

    @Test
    void causalFirWeighsOnlyPastAndPresentTokens() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, 2, 3, 4, 5}, new Shape(1, 5, 1));
            // taps (oldest first): 0.5 * x[t-2] + 0.25 * x[t-1] + 1 * x[t]
            NDArray taps = manager.create(new float[] {0.5f, 0.25f, 1f}, new Shape(1, 1, 3));

            NDArray y = CausalFir.filter(x, taps, 3);

            assertThat(y.toFloatArray()).containsExactly(new float[] {1f, 2.25f, 4f, 5.75f, 7.5f},
                    org.assertj.core.data.Offset.offset(1e-5f));
        }
    }
}
