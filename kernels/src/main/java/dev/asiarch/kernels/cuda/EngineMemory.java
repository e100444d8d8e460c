package dev.asiarch.kernels.cuda;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import org.bytedeco.javacpp.Pointer;

/**
 * Where the PyTorch engine keeps an array's elements: the address of its data on whatever device it
 * lives (a CUDA device pointer for an array on a GPU), so that a kernel can be launched on the engine's
 * own buffers without a copy. DJL's public API only copies to the host; its native library has the
 * address (the direct buffer it makes over a tensor's data pointer, whatever the device), behind a
 * package-private class, reached here by reflection once. Never read the buffer itself: for a GPU
 * array it points into device memory.
 */
public final class EngineMemory {

    private static final Access ACCESS = Access.find();

    private EngineMemory() {
    }

    /**
     * The array itself when its elements are laid out densely in row-major order, otherwise a
     * contiguous copy (attached to the same manager); a kernel indexes rows and columns by arithmetic.
     */
    public static NDArray contiguous(NDArray array) {
        PtNDArray engineArray = engineArray(array);
        long handle = engineArray.getHandle();
        if (ACCESS.isContiguous(handle)) {
            return array;
        }
        return new PtNDArray((PtNDManager) engineArray.getManager(), ACCESS.toContiguous(handle));
    }

    /** The address of a contiguous array's first element, on the array's device. */
    public static long address(NDArray array) {
        long handle = engineArray(array).getHandle();
        if (!ACCESS.isContiguous(handle)) {
            throw new IllegalArgumentException("a kernel needs a contiguous array; pass it through contiguous() first");
        }
        if (array.size() <= 1) {
            return new Pointer(ACCESS.buffer(handle)).address();
        }
        // The engine makes no buffer over more than 2 GiB; a one-element view starts at the same address.
        try (NDArray first = array.reshape(-1).get("0:1")) {
            return new Pointer(ACCESS.buffer(engineArray(first).getHandle())).address();
        }
    }

    /** The engine's own array behind {@code array}; the kernels and the tape run on nothing else. */
    static PtNDArray engineArray(NDArray array) {
        if (!(array instanceof PtNDArray engineArray)) {
            throw new IllegalArgumentException("the fused kernels run on the PyTorch engine's arrays, not on "
                    + array.getClass().getName());
        }
        return engineArray;
    }

    /** The engine's three native calls, found once; a DJL without them is named when first used. */
    private record Access(Object library, Method buffer, Method isContiguous, Method toContiguous, String missing) {

        static Access find() {
            try {
                Class<?> type = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary");
                Field field = type.getDeclaredField("LIB");
                field.setAccessible(true);
                Method buffer = type.getDeclaredMethod("torchDirectByteBuffer", long.class);
                Method isContiguous = type.getDeclaredMethod("torchIsContiguous", long.class);
                Method toContiguous = type.getDeclaredMethod("torchToContiguous", long.class);
                for (Method method : new Method[] {buffer, isContiguous, toContiguous}) {
                    method.setAccessible(true);
                }
                return new Access(field.get(null), buffer, isContiguous, toContiguous, null);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return new Access(null, null, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }

        ByteBuffer buffer(long handle) {
            return (ByteBuffer) call(buffer, handle);
        }

        boolean isContiguous(long handle) {
            return (Boolean) call(isContiguous, handle);
        }

        long toContiguous(long handle) {
            return (Long) call(toContiguous, handle);
        }

        private Object call(Method method, long handle) {
            if (missing != null) {
                throw new IllegalStateException("this DJL PyTorch engine does not expose tensor data pointers ("
                        + missing + "); the fused kernels need ai.djl.pytorch 0.35");
            }
            try {
                return method.invoke(library, handle);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(method.getName() + " failed", e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(method.getName() + " is not accessible", e);
            }
        }
    }
}
