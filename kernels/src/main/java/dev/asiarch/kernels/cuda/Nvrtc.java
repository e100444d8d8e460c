package dev.asiarch.kernels.cuda;

import static org.bytedeco.cuda.global.nvrtc.NVRTC_SUCCESS;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCompileProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCreateProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcDestroyProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBIN;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBINSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetErrorString;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLog;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLogSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcVersion;

import java.util.List;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Compiles CUDA C with NVRTC, in this process, to a CUBIN for one architecture. A CUBIN, not PTX:
 * PTX from an NVRTC newer than the installed driver does not load, while a CUBIN for the device's own
 * architecture needs no JIT step at all. Needs the NVRTC natives ({@code org.bytedeco:cuda} for the
 * platform and {@code cuda-redist}); no GPU: NVRTC is a compiler.
 */
public final class Nvrtc {

    /** What NVRTC made of one source: the CUBIN and its log (warnings; empty when clean). */
    public record Compiled(String name, String architecture, byte[] cubin, String log) {

        /** Whether NVRTC said anything at all: every warning counts. */
        public boolean clean() {
            return log.isBlank();
        }
    }

    /** A source that did not compile, with NVRTC's log. */
    public static final class CompileException extends RuntimeException {
        public CompileException(String message) {
            super(message);
        }
    }

    private Nvrtc() {
    }

    /** NVRTC's version, as {@code major.minor}. */
    public static String version() {
        IntPointer major = new IntPointer(1);
        IntPointer minor = new IntPointer(1);
        check(nvrtcVersion(major, minor), "nvrtcVersion");
        return major.get() + "." + minor.get();
    }

    /**
     * Compiles {@code source} (named {@code name} in diagnostics) for {@code architecture} such as
     * {@code sm_90}; throws {@link CompileException} with the log when it fails.
     */
    public static Compiled compile(String name, String source, String architecture) {
        if (!architecture.matches("sm_\\d{2,3}[a-z]?")) {
            throw new IllegalArgumentException("an architecture looks like sm_80 or sm_90, was " + architecture);
        }
        _nvrtcProgram program = new _nvrtcProgram();
        check(nvrtcCreateProgram(program, new BytePointer(source), new BytePointer(name), 0,
                (PointerPointer<?>) null, (PointerPointer<?>) null), "nvrtcCreateProgram");
        try {
            List<String> options = List.of("--gpu-architecture=" + architecture, "--std=c++17");
            PointerPointer<BytePointer> pointers = new PointerPointer<>(options.toArray(new String[0]));
            int result = nvrtcCompileProgram(program, options.size(), pointers);
            String log = log(program);
            if (result != NVRTC_SUCCESS) {
                throw new CompileException(name + " does not compile for " + architecture + " ("
                        + nvrtcGetErrorString(result).getString() + "):\n" + log);
            }
            SizeTPointer size = new SizeTPointer(1);
            check(nvrtcGetCUBINSize(program, size), "nvrtcGetCUBINSize");
            byte[] cubin = new byte[(int) size.get()];
            check(nvrtcGetCUBIN(program, cubin), "nvrtcGetCUBIN");
            return new Compiled(name, architecture, cubin, log);
        } finally {
            nvrtcDestroyProgram(program);
        }
    }

    private static String log(_nvrtcProgram program) {
        SizeTPointer size = new SizeTPointer(1);
        check(nvrtcGetProgramLogSize(program, size), "nvrtcGetProgramLogSize");
        if (size.get() <= 1) {
            return "";
        }
        BytePointer log = new BytePointer(size.get());
        check(nvrtcGetProgramLog(program, log), "nvrtcGetProgramLog");
        return log.getString().strip();
    }

    private static void check(int result, String call) {
        if (result != NVRTC_SUCCESS) {
            throw new IllegalStateException(call + " failed: " + nvrtcGetErrorString(result).getString());
        }
    }
}
