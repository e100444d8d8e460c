import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.asiarch.kernels.CausalFir;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

/**
 * A causal moving average as long as the sequence, through the FIR primitive: every array is linear
 * in length, but the convolution does length-squared work.
 */
public final class SequenceLongFilter extends TokenMixer {
    private final Dense proj;

    public SequenceLongFilter(int dim) {
        super(dim);
        proj = dense("proj", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        int time = (int) x.getShape().get(1);
        NDArray taps = x.getManager().ones(new Shape(dim(), 1, time)).div((float) time);
        return proj.apply(CausalFir.filter(x, taps, time));
    }
}
