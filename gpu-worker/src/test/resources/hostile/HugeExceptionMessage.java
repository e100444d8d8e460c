import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Throws with a message of three million characters: it must not reach the record, a prompt or a log whole. */
public final class HugeExceptionMessage extends TokenMixer {

    public HugeExceptionMessage(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        StringBuilder message = new StringBuilder("the start of a very long message ");
        while (message.length() < 3_000_000) {
            message.append("and on ");
        }
        throw new IllegalStateException(message.append(" the end").toString());
    }
}
