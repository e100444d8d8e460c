package dev.asiarch.kernels;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A DJL block that declares its weights through short helpers ({@link #dense}, {@link #fir},
 * {@link #rmsNorm}) and computes one array from one array. The handles it returns read their
 * weights from the parameter store of the forward pass in progress.
 */
public abstract class ParameterizedBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private ParameterStore store;
    private Device device;
    private boolean training;

    protected ParameterizedBlock() {
        super(VERSION);
    }

    /** The computation: one array in, one array out. */
    protected abstract NDArray compute(NDArray input);

    @Override
    protected final NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                           PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        this.store = parameterStore;
        this.device = input.getDevice();
        this.training = training;
        return new NDList(compute(input));
    }

    /** Runs a child block inside the current forward pass. */
    protected final NDArray call(Block child, NDArray input) {
        return child.forward(store, new NDList(input), training).singletonOrThrow();
    }

    /** The value of {@code parameter} for the forward pass in progress. */
    final NDArray value(Parameter parameter) {
        if (store == null) {
            throw new IllegalStateException("weights are only readable during a forward pass");
        }
        return store.getValue(parameter, device, training);
    }

    /** A projection {@code in -> out} without bias, initialised N(0, 1/in). */
    protected final Dense dense(String name, int in, int out) {
        return new Dense(this, weight(name + ".weight", new NormalInitializer((float) (1.0 / Math.sqrt(in))), in, out),
                null);
    }

    /** A projection {@code in -> out} whose bias starts at {@code biasInit}. */
    protected final Dense dense(String name, int in, int out, float biasInit) {
        return new Dense(this, weight(name + ".weight", new NormalInitializer((float) (1.0 / Math.sqrt(in))), in, out),
                weight(name + ".bias", new ConstantInitializer(biasInit), out));
    }

    /** A causal depthwise filter of {@code taps} taps per channel, starting as the identity plus noise. */
    protected final CausalFir fir(String name, int channels, int taps) {
        return new CausalFir(weight(name + ".taps", new DiracInitializer(0.02f), channels, 1, taps), taps);
    }

    /** RMS normalisation over the last axis with a learned gain starting at one. */
    protected final RmsNorm rmsNorm(String name, int size) {
        return new RmsNorm(weight(name + ".gain", Initializer.ONES, size));
    }

    /** A learned tensor of {@code shape} whose entries all start at {@code value}. */
    protected final Weight constant(String name, float value, long... shape) {
        return weight(name, new ConstantInitializer(value), shape);
    }

    /** A learned tensor of {@code shape} drawn from N(0, sigma^2). */
    protected final Weight normal(String name, float sigma, long... shape) {
        return weight(name, new NormalInitializer(sigma), shape);
    }

    /** Any learned tensor: {@code shape} with the given initialiser. */
    protected final Weight weight(String name, Initializer initializer, long... shape) {
        Parameter parameter = addParameter(Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(shape))
                .optInitializer(initializer)
                .build());
        return new Weight(this, parameter);
    }

    /** Total number of learned scalars, this block's and its children's: as held once initialised, else as declared. */
    public long parameterCount() {
        return getParameters().values().stream()
                .mapToLong(p -> p.isInitialized() ? p.getArray().size() : p.getShape().size())
                .sum();
    }
}
