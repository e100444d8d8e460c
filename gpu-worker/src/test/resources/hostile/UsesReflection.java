import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Looks up classes and methods by name. */
public final class UsesReflection extends TokenMixer {
    public UsesReflection(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        try { Class.forName("java.lang.Runtime").getMethod("getRuntime"); } catch (ReflectiveOperationException e) { }
        return x;
    }
}
