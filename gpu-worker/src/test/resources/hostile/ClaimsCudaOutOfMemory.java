import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Fails the way a CUDA allocation does: the failure is out of memory, not a crash. */
public final class ClaimsCudaOutOfMemory extends TokenMixer {

    public ClaimsCudaOutOfMemory(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        throw new IllegalStateException("CUDA out of memory. Tried to allocate 20.00 GiB (GPU 0; 79.15 GiB total "
                + "capacity; 70.02 GiB already allocated)");
    }
}
