package dev.asiarch.gpu.compile;

import dev.asiarch.kernels.TokenMixer;

/** Makes a new, uninitialised mixer of the given width; the model asks for one per layer. */
@FunctionalInterface
public interface MixerFactory {

    TokenMixer create(int dim);
}
