package dev.asiarch.gpu.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW whose moment estimates this class owns, so that a checkpoint can save and restore them and a
 * resumed run continues exactly. The update itself is the engine's fused Adam kernel; gradients are
 * rescaled to a global norm before it and cleared after it.
 */
final class AdamW {

    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.95f;
    static final float EPSILON = 1e-8f;

    private final List<Parameter> parameters;
    private final List<NDArray> means = new ArrayList<>();
    private final List<NDArray> variances = new ArrayList<>();
    private final float weightDecay;

    AdamW(List<Parameter> parameters, NDManager manager, float weightDecay) {
        this.parameters = List.copyOf(parameters);
        this.weightDecay = weightDecay;
        for (Parameter parameter : this.parameters) {
            NDArray weight = parameter.getArray();
            means.add(manager.zeros(weight.getShape(), weight.getDataType()));
            variances.add(manager.zeros(weight.getShape(), weight.getDataType()));
        }
    }

    /** The L2 norm of all gradients together, summed in double precision so large gradients do not overflow. */
    double gradientNorm() {
        double sum = 0;
        for (Parameter parameter : parameters) {
            sum += parameter.getArray().getGradient().toType(DataType.FLOAT64, false).square().sum().getDouble();
        }
        return Math.sqrt(sum);
    }

    /**
     * One update at step {@code step} (1-based) with gradients scaled by {@code gradientScale}; weight
     * decay applies to matrices only, not to gains and biases.
     */
    void update(float learningRate, int step, float gradientScale) {
        float biasCorrection = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, step))
                / (1 - Math.pow(BETA1, step)));
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getArray();
            NDArray gradient = weight.getGradient();
            float decay = weight.getShape().dimension() >= 2 ? weightDecay : 0f;
            weight.getNDArrayInternal().adamUpdate(
                    new NDList(weight, gradient, means.get(i), variances.get(i)), new NDList(weight),
                    learningRate, biasCorrection, decay, gradientScale, -1f, BETA1, BETA2, EPSILON, true, true);
            gradient.subi(gradient);
        }
    }

    /** Discards the gradients of a step without updating anything. */
    void clearGradients() {
        for (Parameter parameter : parameters) {
            NDArray gradient = parameter.getArray().getGradient();
            gradient.subi(gradient);
        }
    }

    void save(DataOutputStream out) throws IOException {
        out.writeInt(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            out.writeUTF(parameters.get(i).getName());
            for (NDArray array : List.of(parameters.get(i).getArray(), means.get(i), variances.get(i))) {
                float[] values = array.toFloatArray();
                out.writeInt(values.length);
                for (float value : values) {
                    out.writeFloat(value);
                }
            }
        }
    }

    /** Restores weights and moments written by {@link #save}; the model must be the same. */
    void load(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count != parameters.size()) {
            throw new IOException("checkpoint holds " + count + " parameters, the model has " + parameters.size());
        }
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            if (!name.equals(parameters.get(i).getName())) {
                throw new IOException("checkpoint parameter " + i + " is " + name + ", the model's is "
                        + parameters.get(i).getName());
            }
            for (NDArray array : List.of(parameters.get(i).getArray(), means.get(i), variances.get(i))) {
                int length = in.readInt();
                if (length != array.size()) {
                    throw new IOException("checkpoint parameter " + name + " has " + length + " values, expected "
                            + array.size());
                }
                float[] values = new float[length];
                for (int j = 0; j < length; j++) {
                    values[j] = in.readFloat();
                }
                array.set(FloatBuffer.wrap(values));
            }
        }
    }
}
