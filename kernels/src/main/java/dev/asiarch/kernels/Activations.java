package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The element-wise nonlinearities mixers use, under the names papers give them. */
public final class Activations {

    private Activations() {
    }

    public static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    public static NDArray sigmoid(NDArray x) {
        return Activation.sigmoid(x);
    }

    public static NDArray relu(NDArray x) {
        return Activation.relu(x);
    }

    public static NDArray gelu(NDArray x) {
        return Activation.gelu(x);
    }

    /** ELU + 1: a positive feature map (Katharopoulos et al.). */
    public static NDArray eluPlusOne(NDArray x) {
        return Activation.elu(x, 1f).add(1f);
    }

    /** log(1 + e^x), computed stably. */
    public static NDArray softplus(NDArray x) {
        return Activation.relu(x).add(x.abs().neg().exp().add(1f).log());
    }
}
