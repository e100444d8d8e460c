package dev.asiarch.gpu.sandbox;

import java.util.List;
import java.util.Locale;

/** How an exhausted allocator announces itself: the JVM's heap, PyTorch's CPU allocator, CUDA and cuBLAS. */
final class OutOfMemory {

    private static final List<String> MARKS = List.of("outofmemoryerror", "out of memory", "bad_alloc",
            "can't allocate memory", "not enough memory", "cublas_status_alloc_failed", "cudnn_status_alloc_failed");

    private OutOfMemory() {
    }

    static boolean isMessage(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return MARKS.stream().anyMatch(lower::contains);
    }
}
