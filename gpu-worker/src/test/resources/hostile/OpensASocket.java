import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Opens a network connection. */
public final class OpensASocket extends TokenMixer {
    public OpensASocket(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        try { new java.net.Socket("127.0.0.1", 9).close(); } catch (java.io.IOException e) { }
        return x;
    }
}
