import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.TokenMixer;

/** Counts calls in a field of an enum constant: static state shared by every instance and every run. */
public final class EnumHoldsState extends TokenMixer {

    enum Tally {
        CALLS;

        private int count;
    }

    public EnumHoldsState(int dim) {
        super(dim);
    }

    @Override
    protected NDArray mix(NDArray x) {
        Tally.CALLS.count++;
        return x.mul(1f + Tally.CALLS.count * 0f);
    }
}
