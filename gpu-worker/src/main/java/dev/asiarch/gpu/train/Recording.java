package dev.asiarch.gpu.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.asiarch.kernels.cuda.FusedDeltaRule;
import dev.asiarch.kernels.cuda.FusedTape;

/**
 * Records the operations of one forward pass on this thread so that {@link #backward} can run through
 * them. DJL's {@code GradientCollector} does the same but admits one collector in the whole process (a
 * second, on another lane, throws), while PyTorch's switch is per thread; so each lane records for
 * itself. Where the fused kernels serve the model's device, a {@link FusedTape} is open as well, so that
 * the delta rule trains through them. Closing restores the thread's switch as it was.
 */
final class Recording implements AutoCloseable {

    private final boolean before;
    private final FusedTape tape;

    /**
     * Records on this thread; with a fused tape when {@code taped} and the kernels serve {@code device}.
     */
    Recording(Device device, boolean taped) {
        tape = taped && FusedDeltaRule.available(device) ? FusedTape.open() : null;
        before = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
    }

    /** Whether this pass went through the fused kernels at all. */
    boolean fused() {
        return tape != null && tape.fusedCalls() > 0;
    }

    /** Accumulates the gradient of {@code loss}, a scalar, into every weight it depends on. */
    void backward(NDArray loss) {
        if (!(loss instanceof PtNDArray pytorch)) {
            throw new IllegalStateException("training runs on the PyTorch engine; the loss was a "
                    + loss.getClass().getName());
        }
        if (tape != null) {
            tape.backward(loss);
        } else {
            JniUtils.backward(pytorch, (PtNDArray) loss.onesLike(), false, false);
        }
    }

    @Override
    public void close() {
        if (tape != null) {
            tape.close();
        }
        JniUtils.setGradMode(before);
    }
}
