package dev.asiarch.gpu.checks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.lang.reflect.Field;
import java.util.IdentityHashMap;

/**
 * Counts the elements of every array created on this thread while it is open, in any manager and
 * whether or not it is closed before the end: DJL registers each new array with the innermost
 * {@link NDScope}, and this scope's register counts as it records. Closing it closes them all.
 * Candidate code cannot open a scope of its own (the allow-list refuses {@code NDScope}), so nothing it
 * creates escapes the count.
 */
final class CreationMeter implements AutoCloseable {

    private final NDScope scope = new NDScope();
    private long elements;
    private long arrays;

    CreationMeter() {
        try {
            Field resources = NDScope.class.getDeclaredField("resources");
            resources.setAccessible(true);
            resources.set(scope, new IdentityHashMap<NDArray, NDArray>() {
                @Override
                public NDArray put(NDArray array, NDArray value) {
                    if (!containsKey(array)) {
                        elements += array.getShape().size();
                        arrays++;
                    }
                    return super.put(array, value);
                }
            });
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this DJL version's NDScope has no 'resources' map to count arrays in", e);
        }
    }

    long elements() {
        return elements;
    }

    long arrays() {
        return arrays;
    }

    @Override
    public void close() {
        scope.close();
    }
}
