package dev.asiarch.gpu.checks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.asiarch.kernels.TokenMixer;
import java.util.Optional;

/** A mixer under test with the manager its inputs come from: runs it and reads its parameters. */
final class Probe {

    private final TokenMixer mixer;
    private final NDManager manager;
    private final ParameterStore store;

    Probe(TokenMixer mixer, NDManager manager) {
        this.mixer = mixer;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
    }

    NDManager manager() {
        return manager;
    }

    NDArray mix(NDArray x) {
        return mix(x, false);
    }

    NDArray mix(NDArray x, boolean training) {
        return mixer.forward(store, new NDList(x), training).singletonOrThrow();
    }

    void requireParameterGradients() {
        for (Pair<String, Parameter> parameter : mixer.getParameters()) {
            parameter.getValue().getArray().setRequiresGradient(true);
        }
    }

    Optional<String> parameterWithNonFiniteGradient() {
        for (Pair<String, Parameter> parameter : mixer.getParameters()) {
            NDArray gradient = parameter.getValue().getArray().getGradient();
            if (!isFinite(gradient)) {
                return Optional.of(parameter.getKey());
            }
        }
        return Optional.empty();
    }

    static boolean isFinite(NDArray array) {
        return array.isNaN().logicalOr(array.isInfinite()).none().getBoolean();
    }

    /** The largest absolute value per position: {@code [batch, time, dim] -> [time]}. */
    static float[] maxPerPosition(NDArray values) {
        return values.abs().max(new int[] {2}).max(new int[] {0}).toFloatArray();
    }
}
