package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Arithmetic of an array with a Java number whose gradient stays right. On DJL 0.35.1's PyTorch engine,
 * {@code NDArray.mul(Number)} (and {@code div}, {@code pow}, {@code mod}, {@code maximum},
 * {@code minimum}) wrap the number in a tensor over a Java direct buffer and close it at once, while
 * autograd keeps that tensor for the backward pass: after a garbage collection the gradient is scaled
 * by whatever memory the buffer's place now holds. Here the number becomes a tensor that PyTorch owns
 * (a copy), which autograd may keep as long as it likes.
 *
 * <p>Candidate code may write {@code x.mul(2f)}: the candidate class loader routes those calls here.
 */
public final class Scalars {

    private Scalars() {
    }

    /**
     * {@code n} as a 0-d array of the type DJL would give it ({@code Float} float32, {@code Double}
     * float64, {@code Integer} int32, ...), on {@code like}'s device, in memory PyTorch owns.
     */
    public static NDArray of(NDArray like, Number n) {
        try (NDArray wrapped = like.getManager().create(n)) {
            return wrapped.duplicate();
        }
    }

    public static NDArray mul(NDArray x, Number n) {
        return x.mul(of(x, n));
    }

    public static NDArray mul(Number n, NDArray x) {
        return mul(x, n);
    }

    public static NDArray div(NDArray x, Number n) {
        return x.div(of(x, n));
    }

    /** {@code n / x}. */
    public static NDArray div(Number n, NDArray x) {
        return of(x, n).toType(x.getDataType(), false).div(x);
    }

    public static NDArray pow(NDArray x, Number n) {
        return x.pow(of(x, n));
    }

    /** {@code n ^ x}. */
    public static NDArray pow(Number n, NDArray x) {
        return of(x, n).toType(x.getDataType(), false).pow(x);
    }

    public static NDArray mod(NDArray x, Number n) {
        return x.mod(of(x, n));
    }

    /** {@code n mod x}. */
    public static NDArray mod(Number n, NDArray x) {
        return of(x, n).toType(x.getDataType(), false).mod(x);
    }

    public static NDArray maximum(NDArray x, Number n) {
        return x.maximum(of(x, n));
    }

    public static NDArray maximum(Number n, NDArray x) {
        return maximum(x, n);
    }

    public static NDArray minimum(NDArray x, Number n) {
        return x.minimum(of(x, n));
    }

    public static NDArray minimum(Number n, NDArray x) {
        return minimum(x, n);
    }

    public static NDArray muli(NDArray x, Number n) {
        return x.muli(of(x, n));
    }

    public static NDArray muli(Number n, NDArray x) {
        return muli(x, n);
    }

    public static NDArray divi(NDArray x, Number n) {
        return x.divi(of(x, n));
    }

    public static NDArray powi(NDArray x, Number n) {
        return x.powi(of(x, n));
    }

    public static NDArray modi(NDArray x, Number n) {
        return x.modi(of(x, n));
    }

    /** The identity forward, the gradient scaled by {@code scale} backward. */
    public static NDArray scaleGradient(NDArray x, double scale) {
        return mul(x, scale).add(mul(x.stopGradient(), 1 - scale));
    }

    /** {@code x * sigmoid(beta x)}. */
    public static NDArray swish(NDArray x, float beta) {
        return x.mul(Activation.sigmoid(mul(x, beta)));
    }

    /** {@code min(relu(x), 6)}. */
    public static NDArray relu6(NDArray x) {
        return minimum(Activation.relu(x), 6f);
    }
}
