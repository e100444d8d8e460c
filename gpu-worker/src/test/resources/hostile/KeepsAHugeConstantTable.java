import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.asiarch.kernels.TokenMixer;

/**
 * Fixed random features from a 600,000-entry table built in the constructor: numbers the model holds
 * and uses that no list of learned parameters contains.
 */
public final class KeepsAHugeConstantTable extends TokenMixer {
    private static final int FEATURES = 600_000;
    private final float[] table = new float[FEATURES];

    public KeepsAHugeConstantTable(int dim) {
        super(dim);
        long state = 42;
        for (int i = 0; i < FEATURES; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            table[i] = ((state >>> 40) / (float) (1 << 24) - 0.5f) * 0.1f;
        }
    }

    @Override
    protected NDArray mix(NDArray x) {
        int width = FEATURES / dim();
        float[] used = java.util.Arrays.copyOf(table, dim() * width);
        NDArray projection = x.getManager().create(used, new Shape(dim(), width));
        return x.matMul(projection).matMul(projection.transpose());
    }
}
