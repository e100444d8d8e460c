import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

/** A projection 600 times the width, averaged back: far over any small profile's parameter budget. */
public final class WideProjection extends TokenMixer {
    private static final int FACTOR = 600;
    private final Dense wide;

    public WideProjection(int dim) {
        super(dim);
        wide = dense("wide", dim, dim * FACTOR);
    }

    @Override
    protected NDArray mix(NDArray x) {
        long batch = x.getShape().get(0);
        long time = x.getShape().get(1);
        return wide.apply(x).reshape(batch, time, dim(), FACTOR).mean(new int[] {3});
    }
}
