import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.asiarch.kernels.CausalFir;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;
import java.util.Arrays;

/**
 * Several causal filters whose lengths sit in an array: loops over its {@code length}, a two-dimensional
 * array of mixing weights, {@code assert} on the shapes, and a text block describing the design.
 */
public final class ArraysAndAssertMixer extends TokenMixer {

    private static final String DESIGN = """
            Filters of lengths 3, 7 and 15 over the value stream,
            summed with fixed weights, then projected.
            """;

    private final int[] lengths = {3, 7, 15};
    private final float[][] weights = new float[3][2];
    private final CausalFir[] filters;
    private final Dense in;
    private final Dense out;

    public ArraysAndAssertMixer(int dim) {
        super(dim);
        assert dim > 0 : "dim must be positive";
        filters = new CausalFir[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            filters[i] = fir("fir" + i, dim, lengths[i]);
            Arrays.fill(weights[i], 1f / lengths.length);
        }
        in = dense("in", dim, dim);
        out = dense("out", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        assert x.getShape().dimension() == 3 : DESIGN;
        NDArray values = in.apply(x);
        NDList branches = new NDList();
        for (int i = 0; i < filters.length; i++) {
            branches.add(filters[i].apply(values).mul(weights[i][0] + weights[i][1]));
        }
        NDArray sum = branches.get(0);
        for (int i = 1; i < branches.size(); i++) {
            sum = sum.add(branches.get(i));
        }
        int total = 0;
        for (int length : lengths) {
            total += length;
        }
        assert total == 25;
        return out.apply(NDArrays.add(sum, values));
    }
}
