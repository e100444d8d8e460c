package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;

/**
 * A causal depthwise FIR filter over time: output t of channel c is the dot product of the channel's
 * taps with inputs t-K+1 .. t. The last tap weighs the current token.
 */
public final class CausalFir {

    private final Weight taps;
    private final int length;

    CausalFir(Weight taps, int length) {
        this.taps = taps;
        this.length = length;
    }

    /**
     * {@code x[batch, time, channels]} filtered along time; same shape. A per-head array
     * {@code [batch, heads, time, d]} is filtered as its merged form (channel h * d + i), so filtering
     * heads split from a stream equals splitting the filtered stream.
     */
    public NDArray apply(NDArray x) {
        if (x.getShape().dimension() == 4) {
            return Heads.split(filter(Heads.merge(x), taps.get(), length), (int) x.getShape().get(1));
        }
        return filter(x, taps.get(), length);
    }

    /** Filters {@code x[batch, time, channels]} with {@code taps[channels, 1, length]}. */
    public static NDArray filter(NDArray x, NDArray taps, int length) {
        long batch = x.getShape().get(0);
        long time = x.getShape().get(1);
        long channels = x.getShape().get(2);
        NDArray byChannel = x.transpose(0, 2, 1);
        // Symmetric padding of K-1 and keeping the first T outputs leaves only past inputs in each window.
        NDArray filtered = Conv1d.conv1d(byChannel, taps, null, new Shape(1), new Shape(length - 1), new Shape(1),
                (int) channels).singletonOrThrow();
        return filtered.get(":, :, :" + time).transpose(0, 2, 1).reshape(batch, time, channels);
    }
}
