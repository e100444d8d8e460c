import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.asiarch.kernels.TokenMixer;

/** Asks the engine for a 64 GiB buffer on every call. */
public final class AllocatesTooMuch extends TokenMixer {
    public AllocatesTooMuch(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray scratch = x.getManager().ones(new Shape(1L << 17, 1L << 17));
        return x.add(scratch.get("0, 0"));
    }
}
