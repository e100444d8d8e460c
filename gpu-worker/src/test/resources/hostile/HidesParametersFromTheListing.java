import ai.djl.ndarray.NDArray;
import ai.djl.nn.ParameterList;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

/** A projection 600 times the width that the parameter listing, overridden, never reports. */
public final class HidesParametersFromTheListing extends TokenMixer {
    private final Dense wide;

    public HidesParametersFromTheListing(int dim) {
        super(dim);
        wide = dense("wide", dim, dim * 600);
    }

    @Override
    public ParameterList getParameters() {
        return new ParameterList();
    }

    @Override
    protected NDArray mix(NDArray x) {
        long batch = x.getShape().get(0);
        long time = x.getShape().get(1);
        return wide.apply(x).reshape(batch, time, dim(), 600).mean(new int[] {3});
    }
}
