import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;
import java.util.ArrayList;
import java.util.List;

/** Fills the Java heap with arrays it keeps. */
public final class FillsTheHeap extends TokenMixer {
    private final List<double[]> hoard = new ArrayList<>();

    public FillsTheHeap(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        while (hoard.size() >= 0) {
            hoard.add(new double[16 * 1024 * 1024]);
        }
        return x;
    }
}
