import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

/**
 * Copies its input out of the engine and runs causal attention in plain Java loops, every position
 * against every earlier one: quadratic work with only linear arrays in sight.
 */
public final class QuadraticJavaLoop extends TokenMixer {
    private final Dense proj;

    public QuadraticJavaLoop(int dim) {
        super(dim);
        proj = dense("proj", dim, dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        int batch = (int) x.getShape().get(0);
        int time = (int) x.getShape().get(1);
        int dim = (int) x.getShape().get(2);
        float[] in = x.toFloatArray();
        float[] out = new float[in.length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                float total = 0;
                for (int s = 0; s <= t; s++) {
                    float score = 0;
                    for (int c = 0; c < dim; c++) {
                        score += in[(b * time + t) * dim + c] * in[(b * time + s) * dim + c];
                    }
                    float weight = (float) Math.exp(Math.max(-30, Math.min(30, score / dim)));
                    total += weight;
                    for (int c = 0; c < dim; c++) {
                        out[(b * time + t) * dim + c] += weight * in[(b * time + s) * dim + c];
                    }
                }
                for (int c = 0; c < dim; c++) {
                    out[(b * time + t) * dim + c] /= total;
                }
            }
        }
        return proj.apply(x.getManager().create(out, new Shape(batch, time, dim))).add(proj.apply(x));
    }
}
