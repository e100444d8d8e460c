import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Reads a file of the machine it runs on. */
public final class ReadsAFile extends TokenMixer {
    public ReadsAFile(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        try { java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/etc/passwd")); } catch (java.io.IOException e) { }
        return x;
    }
}
