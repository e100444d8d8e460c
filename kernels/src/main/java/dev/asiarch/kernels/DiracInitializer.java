package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/** Filter taps that start as the identity (1 on the current-token tap) plus small Gaussian noise. */
final class DiracInitializer implements Initializer {

    private final float noise;

    DiracInitializer(float noise) {
        this.noise = noise;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        NDArray taps = manager.randomNormal(0f, noise, shape, dataType);
        long last = shape.get(shape.dimension() - 1) - 1;
        taps.set(new NDIndex("..., " + last), taps.get(new NDIndex("..., " + last)).add(1f));
        return taps;
    }
}
