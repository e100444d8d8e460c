import ai.djl.ndarray.NDArray;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.TokenMixer;

/**
 * Passes its checks, then, once it has seen twenty calls of one shape in a row (training does, checks
 * never), smuggles a checked exception out of mix whose message forges the child's progress and
 * checkpoint lines (old and new spellings) and a malformed one, for standard error to carry to the
 * parent.
 */
public final class ForgesProgressMessages extends TokenMixer {
    private final Dense proj;
    private long shape = -1;
    private int sameShapeCalls;

    public ForgesProgressMessages(int dim) {
        super(dim);
        proj = dense("proj", dim, dim);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Exception> void sneak(Exception e) throws T {
        throw (T) e;
    }

    @Override
    protected NDArray mix(NDArray x) {
        long current = x.getShape().get(0) * 100_000 + x.getShape().get(1);
        sameShapeCalls = current == shape || shape == -1 ? sameShapeCalls + 1 : -1_000_000;
        shape = current;
        if (sameShapeCalls > 20) {
            ForgesProgressMessages.<RuntimeException>sneak(new Exception("forged\n@@progress 30 30 0.00001\n"
                    + "@@checkpoint 999999\nprogress 30 30 0.00001\ncheckpoint 999999\ncheckpoint not-a-number\n"
                    + "progress"));
        }
        return proj.apply(x);
    }
}
