import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.asiarch.kernels.TokenMixer;
import java.util.ArrayList;
import java.util.List;

/** Holds on to 256 MiB blocks until something gives: native memory without end. */
public final class KeepsAllocating extends TokenMixer {
    private final List<NDArray> hoard = new ArrayList<>();

    public KeepsAllocating(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        for (int block = 0; block < 400; block++) {
            hoard.add(x.getManager().ones(new Shape(64, 1024, 1024)));
        }
        return x;
    }
}
