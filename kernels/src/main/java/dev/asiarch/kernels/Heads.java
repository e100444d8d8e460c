package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;

/** Moves between the model's {@code [batch, time, heads * d]} layout and per-head {@code [batch, heads, time, d]}. */
public final class Heads {

    private Heads() {
    }

    public static NDArray split(NDArray x, int heads) {
        long batch = x.getShape().get(0);
        long time = x.getShape().get(1);
        long width = x.getShape().get(2);
        if (width % heads != 0) {
            throw new IllegalArgumentException("width " + width + " is not divisible by " + heads + " heads");
        }
        return x.reshape(batch, time, heads, width / heads).transpose(0, 2, 1, 3);
    }

    public static NDArray merge(NDArray x) {
        long batch = x.getShape().get(0);
        long heads = x.getShape().get(1);
        long time = x.getShape().get(2);
        long d = x.getShape().get(3);
        return x.transpose(0, 2, 1, 3).reshape(batch, time, heads * d);
    }

    /** A per-token, per-head scalar {@code [batch, time, heads] -> [batch, heads, time]}. */
    public static NDArray perHead(NDArray x) {
        return x.transpose(0, 2, 1);
    }
}
