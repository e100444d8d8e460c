package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;

/**
 * The per-head stream every mixer starts from: a projection of the hidden state, an optional short
 * causal convolution, an activation, the split into heads and an optional L2 normalisation of each
 * head's vector. Declared once as a field, for example
 * {@code heads("q", HEADS).conv(4).activation(Activations::silu).l2()}, and applied in {@code mix}.
 * Each step that adds weights declares them when it is called: {@code conv} the taps {@code name_conv}.
 */
public final class HeadProjection {

    private final ParameterizedBlock owner;
    private final String name;
    private final int heads;
    private final int width;
    private final Dense projection;
    private final CausalFir conv;
    private final UnaryOperator<NDArray> activation;
    private final boolean l2;

    HeadProjection(ParameterizedBlock owner, String name, int heads, int width, Dense projection) {
        this(owner, name, heads, width, projection, null, UnaryOperator.identity(), false);
    }

    private HeadProjection(ParameterizedBlock owner, String name, int heads, int width, Dense projection,
                           CausalFir conv, UnaryOperator<NDArray> activation, boolean l2) {
        if (heads <= 0 || width % heads != 0) {
            throw new IllegalArgumentException("projection '" + name + "': width " + width
                    + " must split into " + heads + " heads of equal width");
        }
        this.owner = owner;
        this.name = name;
        this.heads = heads;
        this.width = width;
        this.projection = projection;
        this.conv = conv;
        this.activation = activation;
        this.l2 = l2;
    }

    /** Adds a causal depthwise convolution of {@code taps} taps after the projection (weights {@code name_conv}). */
    public HeadProjection conv(int taps) {
        if (conv != null) {
            throw new IllegalStateException("projection '" + name + "' already has a convolution");
        }
        return new HeadProjection(owner, name, heads, width, projection, owner.fir(name + "_conv", width, taps),
                activation, l2);
    }

    /** Applies {@code activation} (for example {@code Activations::silu}) after the projection and convolution. */
    public HeadProjection activation(UnaryOperator<NDArray> function) {
        return new HeadProjection(owner, name, heads, width, projection, conv, function, l2);
    }

    /** Scales each head's vector to unit L2 norm after the split (keys of a delta rule need it). */
    public HeadProjection l2() {
        return new HeadProjection(owner, name, heads, width, projection, conv, activation, true);
    }

    /** {@code x[batch, time, dim] -> [batch, heads, time, width / heads]}. */
    public NDArray apply(NDArray x) {
        NDArray projected = projection.apply(x);
        NDArray split = Heads.split(activation.apply(conv == null ? projected : conv.apply(projected)), heads);
        return l2 ? Norm.l2(split) : split;
    }
}
