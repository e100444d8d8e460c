package dev.asiarch.gpu.checks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.asiarch.kernels.TokenMixer;
import java.util.ArrayList;
import java.util.List;

/**
 * A mixer under test. Every call gets a fresh copy of its input, so the candidate cannot change the
 * arrays the checks compare with, and hands back plain Java copies of what came out, so it cannot
 * change them afterwards either. Every array a call creates, in whatever manager, is closed at its end.
 */
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

    TokenMixer mixer() {
        return mixer;
    }

    /** Inputs in {@code [batch, time, dim]}, as plain values. */
    record Values(float[] data, int batch, int time, int dim) {
        float at(int b, int t, int c) {
            return data[(b * time + t) * dim + c];
        }

        Values copy() {
            return new Values(data.clone(), batch, time, dim);
        }

        static Values of(NDArray array) {
            Shape shape = array.getShape();
            if (shape.dimension() != 3) {
                throw new IllegalArgumentException("expected [batch, time, dim], got " + shape);
            }
            return new Values(array.toFloatArray(), (int) shape.get(0), (int) shape.get(1), (int) shape.get(2));
        }
    }

    /** The output for an input, and its shape as the candidate returned it. */
    record Output(Values values, Shape shape) {
    }

    /** The mixer's output for {@code input} (inference mode). */
    Output mix(Values input) {
        try (NDScope scope = new NDScope(); NDManager call = manager.newSubManager()) {
            NDArray y = forward(call, input, false);
            return new Output(y.getShape().dimension() == 3 ? Values.of(y) : null, y.getShape());
        }
    }

    /** Gradients of {@code sum(cotangent * mix(input))}, with respect to the input and to every parameter. */
    record Gradients(Values input, List<float[]> parameters) {
    }

    Gradients gradients(Values input, Values cotangent) {
        List<Parameter> parameters = parameters();
        parameters.forEach(parameter -> parameter.getArray().setRequiresGradient(true));
        try (NDScope scope = new NDScope(); NDManager call = manager.newSubManager()) {
            NDArray x = call.create(input.data(), new Shape(input.batch(), input.time(), input.dim()));
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = call(x, true);
                NDArray weights = call.create(cotangent.data(), y.getShape());
                collector.backward(y.mul(weights).sum());
            }
            List<float[]> parameterGradients = new ArrayList<>();
            for (Parameter parameter : parameters) {
                NDArray gradient = parameter.getArray().getGradient();
                parameterGradients.add(gradient.toFloatArray());
                gradient.subi(gradient);  // gradients accumulate across collectors otherwise
            }
            return new Gradients(Values.of(x.getGradient()), parameterGradients);
        }
    }

    /** A forward pass over a copy of {@code input} made in {@code call}, for measurements that only need it to happen. */
    NDArray forward(NDManager call, Values input, boolean training) {
        return call(call.create(input.data(), new Shape(input.batch(), input.time(), input.dim())), training);
    }

    /** The mixer on an array the caller owns. */
    NDArray call(NDArray x, boolean training) {
        return mixer.forward(store, new NDList(x), training).singletonOrThrow();
    }

    List<Parameter> parameters() {
        List<Parameter> parameters = new ArrayList<>();
        for (Pair<String, Parameter> parameter : mixer.getParameters()) {
            parameters.add(parameter.getValue());
        }
        return parameters;
    }

    List<String> parameterNames() {
        return mixer.getParameters().keys();
    }

    static boolean isFinite(float[] values) {
        for (float value : values) {
            if (!Float.isFinite(value)) {
                return false;
            }
        }
        return true;
    }
}
