import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.asiarch.kernels.TokenMixer;

/** Keeps arrays in a root manager of its own, which no training step ever closes. */
public final class CreatesItsOwnManager extends TokenMixer {
    private final NDManager own = NDManager.newBaseManager();
    private final NDArray table;

    public CreatesItsOwnManager(int dim) {
        super(dim);
        table = own.randomNormal(new Shape(dim, dim));
    }

    @Override
    protected NDArray mix(NDArray x) {
        return x.matMul(table);
    }
}
