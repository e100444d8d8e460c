import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.asiarch.kernels.TokenMixer;
import java.util.Arrays;

/** Fills a table with Arrays.parallelSetAll, which runs candidate code on the common pool's threads. */
public final class ParallelFill extends TokenMixer {

    public ParallelFill(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        float[] scale = new float[dim()];
        double[] filled = new double[dim()];
        Arrays.parallelSetAll(filled, i -> 1.0 / (1 + i));
        for (int i = 0; i < scale.length; i++) {
            scale[i] = (float) filled[i];
        }
        return x.mul(x.getManager().create(scale, new Shape(1, 1, dim())));
    }
}
