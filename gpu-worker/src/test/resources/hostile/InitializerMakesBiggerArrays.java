import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import dev.asiarch.kernels.TokenMixer;
import dev.asiarch.kernels.Weight;

/**
 * Declares a weight of one element whose initialiser returns a dim x 20000 array instead: a budget
 * counted from declared shapes sees one parameter where 640,000 are trained.
 */
public final class InitializerMakesBiggerArrays extends TokenMixer {
    private static final int WIDE = 20000;
    private final Weight wide;

    public InitializerMakesBiggerArrays(int dim) {
        super(dim);
        wide = weight("wide", new Initializer() {
            @Override
            public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
                return manager.randomNormal(0f, 0.05f, new Shape(dim, WIDE), dataType);
            }
        }, 1);
    }

    @Override
    protected NDArray mix(NDArray x) {
        NDArray w = wide.get();
        return x.matMul(w).matMul(w.transpose());
    }
}
