package dev.asiarch.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeltaRuleTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void chunkedDeltaRuleEqualsTheRecurrentDefinition() {
        // 70 tokens: two full chunks of 32 and a padded partial one.
        NDArray q = Norm.l2(manager.randomNormal(new Shape(2, 3, 70, 8)));
        NDArray k = Norm.l2(manager.randomNormal(new Shape(2, 3, 70, 8)));
        NDArray v = manager.randomNormal(new Shape(2, 3, 70, 5));
        NDArray beta = Activations.sigmoid(manager.randomNormal(new Shape(2, 3, 70)));

        NDArray chunked = DeltaRule.chunked(q, k, v, beta, 32);
        NDArray recurrent = DeltaRule.recurrent(q, k, v, beta);

        assertThat(chunked.getShape()).isEqualTo(new Shape(2, 3, 70, 5));
        assertThat(maxAbsDifference(chunked, recurrent)).isLessThan(1e-4f);
    }

    @Test
    void chunkSizeDoesNotChangeTheResult() {
        NDArray q = Norm.l2(manager.randomNormal(new Shape(1, 2, 64, 4)));
        NDArray k = Norm.l2(manager.randomNormal(new Shape(1, 2, 64, 4)));
        NDArray v = manager.randomNormal(new Shape(1, 2, 64, 4));
        NDArray beta = Activations.sigmoid(manager.randomNormal(new Shape(1, 2, 64)));

        assertThat(maxAbsDifference(DeltaRule.chunked(q, k, v, beta, 8), DeltaRule.chunked(q, k, v, beta, 64)))
                .isLessThan(1e-4f);
    }

    @Test
    void fullWriteStrengthReplacesTheValueStoredUnderAKey() {
        // With beta = 1 and a repeated unit key, the second write overwrites the first: reading that
        // key back returns the newest value, not the sum of both.
        NDArray key = manager.create(new float[] {1, 0, 1, 0, 1, 0}, new Shape(1, 1, 3, 2));
        NDArray values = manager.create(new float[] {3, 5, 7}, new Shape(1, 1, 3, 1));
        NDArray beta = manager.ones(new Shape(1, 1, 3));

        NDArray out = DeltaRule.chunked(key, key, values, beta, 2);

        assertThat(out.toFloatArray()).containsExactly(new float[] {3, 5, 7}, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void chunkedLinearAttentionEqualsTheRecurrentDefinition() {
        NDArray q = manager.randomNormal(new Shape(2, 2, 45, 6));
        NDArray k = manager.randomNormal(new Shape(2, 2, 45, 6));
        NDArray v = manager.randomNormal(new Shape(2, 2, 45, 3));

        assertThat(maxAbsDifference(LinearAttention.chunked(q, k, v, 16), LinearAttention.recurrent(q, k, v)))
                .isLessThan(1e-4f);
    }

    @Test
    void chunkedGatedDeltaRuleEqualsTheRecurrentDefinition() {
        NDArray q = Norm.l2(manager.randomNormal(new Shape(2, 2, 70, 8)));
        NDArray k = Norm.l2(manager.randomNormal(new Shape(2, 2, 70, 8)));
        NDArray v = manager.randomNormal(new Shape(2, 2, 70, 4));
        NDArray beta = Activations.sigmoid(manager.randomNormal(new Shape(2, 2, 70)));
        // Decays between about 0.3 and 1, as a learned gate would give.
        NDArray logDecay = Activations.softplus(manager.randomNormal(new Shape(2, 2, 70))).neg().mul(0.5f);

        NDArray chunked = GatedDeltaRule.chunked(q, k, v, beta, logDecay, 32);

        assertThat(maxAbsDifference(chunked, GatedDeltaRule.recurrent(q, k, v, beta, logDecay))).isLessThan(1e-4f);
    }

    @Test
    void gatedDeltaRuleWithoutDecayIsTheDeltaRule() {
        NDArray q = Norm.l2(manager.randomNormal(new Shape(1, 2, 40, 4)));
        NDArray k = Norm.l2(manager.randomNormal(new Shape(1, 2, 40, 4)));
        NDArray v = manager.randomNormal(new Shape(1, 2, 40, 4));
        NDArray beta = Activations.sigmoid(manager.randomNormal(new Shape(1, 2, 40)));

        assertThat(maxAbsDifference(GatedDeltaRule.chunked(q, k, v, beta, manager.zeros(new Shape(1, 2, 40)), 16),
                DeltaRule.chunked(q, k, v, beta, 16))).isLessThan(1e-4f);
    }

    @Test
    void chunkedGatedLinearAttentionEqualsTheRecurrentDefinition() {
        NDArray q = manager.randomNormal(new Shape(2, 3, 50, 6));
        NDArray k = manager.randomNormal(new Shape(2, 3, 50, 6));
        NDArray v = manager.randomNormal(new Shape(2, 3, 50, 3));
        NDArray logDecay = Activations.softplus(manager.randomNormal(new Shape(2, 3, 50))).neg();

        assertThat(maxAbsDifference(GatedLinearAttention.chunked(q, k, v, logDecay, 16),
                GatedLinearAttention.recurrent(q, k, v, logDecay))).isLessThan(1e-4f);
    }

    @Test
    void softmaxAttentionAtTheFirstTokenReturnsItsValue() {
        NDArray q = manager.randomNormal(new Shape(1, 1, 5, 4));
        NDArray k = manager.randomNormal(new Shape(1, 1, 5, 4));
        NDArray v = manager.randomNormal(new Shape(1, 1, 5, 3));

        NDArray out = SoftmaxAttention.causal(q, k, v);

        assertThat(maxAbsDifference(out.get(":, :, 0"), v.get(":, :, 0"))).isLessThan(1e-6f);
        assertThat(out.getShape()).isEqualTo(new Shape(1, 1, 5, 3));
    }

    static float maxAbsDifference(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }
}
