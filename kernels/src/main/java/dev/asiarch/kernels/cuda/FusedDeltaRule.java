package dev.asiarch.kernels.cuda;

import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static org.bytedeco.cuda.global.cudart.CUDA_SUCCESS;
import static org.bytedeco.cuda.global.cudart.cuCtxSetCurrent;
import static org.bytedeco.cuda.global.cudart.cuDeviceGet;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetAttribute;
import static org.bytedeco.cuda.global.cudart.cuDevicePrimaryCtxRetain;
import static org.bytedeco.cuda.global.cudart.cuGetErrorName;
import static org.bytedeco.cuda.global.cudart.cuInit;
import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The fused chunked delta rule ({@code delta_rule.cu}) launched through the CUDA driver API on the
 * engine's own device buffers: compiled once per device with NVRTC to a CUBIN for that device's
 * architecture, loaded into the primary context PyTorch uses, and launched on the legacy default
 * stream, so that it is ordered with the engine's own kernels without a synchronisation. One block per
 * (batch, head); a plain delta rule when the log decay is null, the gated one otherwise.
 *
 * <p>{@link #forArrays} and {@link #apply} are the seam {@code DeltaRule.chunked} and
 * {@code GatedDeltaRule.chunked} use: float32 arrays on a CUDA device get the kernel, in inference
 * directly and in training through the thread's {@link FusedTape} (DJL 0.35 cannot add an operation with
 * its own backward to PyTorch's autograd graph; the tape runs {@link #backward} in its place).
 * What is loaded is kept per device for the process: a CUDA module belongs to the process's context, as
 * the engine's device memory does, and the seam is a static call inside candidate code, where nothing
 * can be injected.
 */
public final class FusedDeltaRule {

    /** The environment variable that turns the fused kernels off ({@code off}) or leaves them on ({@code on}). */
    public static final String SWITCH = "ASIARCH_FUSED_KERNELS";

    /** Threads per block; the kernels stride every loop over them, so any count is correct. */
    static final int THREADS = 128;

    private static final Map<Device, Loaded> SERVED = new ConcurrentHashMap<>();
    private static final AtomicLong LAUNCHES = new AtomicLong();

    private final CUctx_st context;
    private final CUfunc_st forward;
    private final CUfunc_st backward;
    private final Device arrays;

    /** A forward pass that kept what its backward needs: each chunk's starting state. */
    public record Saved(NDArray out, NDArray states) {
    }

    /** The gradients of the inputs; {@code logDecay} is null for the plain delta rule. */
    public record Gradients(NDArray q, NDArray k, NDArray v, NDArray beta, NDArray logDecay) {
    }

    /** What serves a device: its kernels, or null, and why not (said once on standard error). */
    private record Loaded(FusedDeltaRule kernels, String whyNot) {
    }

    FusedDeltaRule(CUctx_st context, CUfunc_st forward, CUfunc_st backward, Device arrays) {
        this.context = context;
        this.forward = forward;
        this.backward = backward;
        this.arrays = arrays;
    }

    /**
     * The fused kernels for arrays like {@code q}, or empty where the DJL chain must run: arrays neither
     * on a CUDA device nor on one the kernels were told to {@link #serve}, not float32, gradients being
     * recorded with no {@link FusedTape} open on this thread, no usable device or CUDA natives, or
     * {@value #SWITCH}{@code =off} (the last two said once on standard error). Never throws.
     */
    public static Optional<FusedDeltaRule> forArrays(NDArray q) {
        Device device = q.getDevice();
        // The device first: on the host nothing else is asked, not even the engine's gradient mode.
        Loaded served = SERVED.get(device);
        if (served == null && !device.isGpu()) {
            return Optional.empty();
        }
        if (whyNot(q.getDataType(), recording(), FusedTape.current() != null) != null) {
            return Optional.empty();
        }
        Loaded loaded = served != null ? served : SERVED.computeIfAbsent(device, FusedDeltaRule::loadFor);
        return Optional.ofNullable(loaded.kernels());
    }

    /**
     * Whether the fused kernels serve arrays on {@code device} (loading them for a CUDA device the first
     * time): where they do, training opens a {@link FusedTape}. Never throws.
     */
    public static boolean available(Device device) {
        Loaded served = SERVED.get(device);
        if (served == null && device.isGpu()) {
            served = SERVED.computeIfAbsent(device, FusedDeltaRule::loadFor);
        }
        return served != null && served.kernels() != null;
    }

    /**
     * Serves arrays on {@code device} with {@code kernels} from now on, in place of what
     * {@link #forArrays} would load: how a driver that runs kernels on the host (the tests') takes the
     * host's arrays, or how a device is switched to kernels loaded elsewhere.
     */
    public static void serve(Device device, FusedDeltaRule kernels) {
        SERVED.put(device, new Loaded(kernels, null));
    }

    /** Forgets what {@link #serve} or {@link #forArrays} set up for {@code device}. */
    public static void stopServing(Device device) {
        SERVED.remove(device);
    }

    /** Why arrays of this kind on a served device take the DJL chain, or null when the kernel serves them. */
    static String whyNot(DataType type, boolean recording, boolean taped) {
        if (type != DataType.FLOAT32) {
            return "the kernels are float32, the arrays " + type;
        }
        if (recording && !taped) {
            return "gradients are being recorded with no fused tape open, and the engine cannot take the kernels'"
                    + " own backward";
        }
        return null;
    }

    /**
     * The chunked delta rule (gated when {@code logDecay} is not null) as {@link #forArrays} serves it:
     * {@link #forward} while no gradient is recorded, otherwise through this thread's {@link FusedTape}.
     * Empty when the driver refused the launch: the kernels are then off for these arrays' device (said
     * once on standard error) and the caller runs its own path, so a candidate is never failed for it.
     */
    public Optional<NDArray> apply(NDArray q, NDArray k, NDArray v, NDArray beta, NDArray logDecay, int chunk) {
        try {
            // Arrays the kernel does not take as they are (broadcast heads, another dtype or device, no rows)
            // go to the caller's path, which may well accept them.
            if (Dims.of(q, k, v, beta, logDecay, chunk, arrays).empty()) {
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            FusedTape tape = FusedTape.current();
            if (tape != null && recording()) {
                return Optional.of(tape.record(this, q, k, v, beta, logDecay, chunk));
            }
            return Optional.of(forward(q, k, v, beta, logDecay, chunk));
        } catch (RuntimeException e) {
            // Refused by the driver or the engine before anything ran: off for the device, never the candidate's fault.
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            SERVED.put(arrays, new Loaded(null, why));
            System.err.println("fused delta-rule kernels off on " + arrays + ": " + why + "; the DJL chain runs");
            return Optional.empty();
        }
    }

    /** A launch the driver refused; nothing ran. */
    public static final class LaunchException extends IllegalStateException {
        LaunchException(String message) {
            super(message);
        }
    }

    private static boolean recording() {
        try {
            return JniUtils.isGradMode();
        } catch (RuntimeException | LinkageError e) {
            return true;
        }
    }

    /** How many fused kernels this process has launched, forward and backward. */
    public static long launches() {
        return LAUNCHES.get();
    }

    /** Why {@value #SWITCH} turns the kernels off, or null when it leaves them on. */
    public static String switchedOff(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("on")) {
            return null;
        }
        if (value.strip().equalsIgnoreCase("off")) {
            return SWITCH + "=off";
        }
        return SWITCH + " must be on or off, was '" + value + "'; taken as off";
    }

    private static Loaded loadFor(Device device) {
        String off = switchedOff(System.getenv(SWITCH));
        if (off != null) {
            System.err.println("fused delta-rule kernels off on " + device + ": " + off);
            return new Loaded(null, off);
        }
        try {
            return new Loaded(load(device.getDeviceId(), device), null);
        } catch (RuntimeException | LinkageError e) {
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            System.err.println("fused delta-rule kernels off on " + device + ": " + why);
            return new Loaded(null, why);
        }
    }

    /**
     * Compiles the kernels for CUDA device {@code ordinal}'s architecture and loads them into its primary
     * context, for arrays that live on {@code arrays} (the device itself; the host only for a driver that
     * runs kernels on the host, as the tests' does).
     */
    public static FusedDeltaRule load(int ordinal, Device arrays) {
        check(cuInit(0), "cuInit");
        IntPointer device = new IntPointer(1);
        check(cuDeviceGet(device, ordinal), "cuDeviceGet(" + ordinal + ")");
        IntPointer major = new IntPointer(1);
        IntPointer minor = new IntPointer(1);
        check(cuDeviceGetAttribute(major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device.get()), "cuDeviceGetAttribute");
        check(cuDeviceGetAttribute(minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device.get()), "cuDeviceGetAttribute");
        Nvrtc.Compiled compiled = Nvrtc.compile(KernelSources.DELTA_RULE, KernelSources.read(KernelSources.DELTA_RULE),
                "sm_" + major.get() + minor.get());
        CUctx_st context = new CUctx_st();
        check(cuDevicePrimaryCtxRetain(context, device.get()), "cuDevicePrimaryCtxRetain");
        check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
        CUmod_st module = new CUmod_st();
        check(cuModuleLoadData(module, new BytePointer(compiled.cubin())), "cuModuleLoadData");
        CUfunc_st forward = new CUfunc_st();
        check(cuModuleGetFunction(forward, module, KernelSources.DELTA_RULE_KERNELS.get(0)), "cuModuleGetFunction");
        CUfunc_st backward = new CUfunc_st();
        check(cuModuleGetFunction(backward, module, KernelSources.DELTA_RULE_KERNELS.get(1)), "cuModuleGetFunction");
        return new FusedDeltaRule(context, forward, backward, arrays);
    }

    /**
     * The chunked delta rule's outputs {@code [batch, heads, time, dv]}; the gated delta rule's when
     * {@code logDecay} is not null. Shapes as in {@code DeltaRule.chunked}.
     */
    public NDArray forward(NDArray q, NDArray k, NDArray v, NDArray beta, NDArray logDecay, int chunk) {
        return run(q, k, v, beta, logDecay, chunk, false).out();
    }

    /** {@link #forward}, keeping each chunk's starting state for {@link #backward}. */
    public Saved forwardSaving(NDArray q, NDArray k, NDArray v, NDArray beta, NDArray logDecay, int chunk) {
        return run(q, k, v, beta, logDecay, chunk, true);
    }

    /** The gradients of the inputs of {@link #forwardSaving} for the outputs' gradient {@code dOut}. */
    public Gradients backward(NDArray q, NDArray k, NDArray v, NDArray beta, NDArray logDecay, int chunk, Saved saved,
                              NDArray dOut) {
        Dims dims = Dims.of(q, k, v, beta, logDecay, chunk, arrays);
        requireShape("dOut", dOut, v.getShape());
        requireKind("dOut", dOut, arrays);
        NDArray[] in = contiguous(q, k, v, beta, logDecay);
        NDArray states = EngineMemory.contiguous(saved.states());
        NDArray gradOut = EngineMemory.contiguous(dOut);
        NDArray dq = q.getManager().zeros(q.getShape(), DataType.FLOAT32, arrays);
        NDArray dk = q.getManager().zeros(k.getShape(), DataType.FLOAT32, arrays);
        NDArray dv = q.getManager().zeros(v.getShape(), DataType.FLOAT32, arrays);
        NDArray dbeta = q.getManager().zeros(beta.getShape(), DataType.FLOAT32, arrays);
        NDArray dg = logDecay == null ? null : q.getManager().zeros(logDecay.getShape(), DataType.FLOAT32, arrays);
        NDArray work = dims.work(q);
        launch(backward, dims, List.of(in[0], in[1], in[2], in[3]), in[4], states, gradOut, dq, dk, dv, dbeta, dg, work);
        return new Gradients(dq, dk, dv, dbeta, dg);
    }

    private Saved run(NDArray q, NDArray k, NDArray v, NDArray beta, NDArray logDecay, int chunk, boolean save) {
        Dims dims = Dims.of(q, k, v, beta, logDecay, chunk, arrays);
        NDArray[] in = contiguous(q, k, v, beta, logDecay);
        NDArray out = q.getManager().zeros(v.getShape(), DataType.FLOAT32, arrays);
        NDArray states = save ? q.getManager().zeros(new Shape(dims.rows, dims.chunks, dims.dk, dims.dv),
                DataType.FLOAT32, arrays) : null;
        NDArray work = dims.work(q);
        launch(forward, dims, List.of(in[0], in[1], in[2], in[3]), in[4], out, states, work);
        return new Saved(out, states);
    }

    private static NDArray[] contiguous(NDArray q, NDArray k, NDArray v, NDArray beta, NDArray logDecay) {
        return new NDArray[] {EngineMemory.contiguous(q), EngineMemory.contiguous(k), EngineMemory.contiguous(v),
            EngineMemory.contiguous(beta), logDecay == null ? null : EngineMemory.contiguous(logDecay)};
    }

    /**
     * Launches {@code function} with the four inputs, the log decay, then {@code rest} (arrays or null,
     * as pointers), then time, dk, dv and the chunk: the kernels' parameter order.
     */
    private void launch(CUfunc_st function, Dims dims, List<NDArray> inputs, NDArray logDecay, NDArray... rest) {
        List<Pointer> arguments = new ArrayList<>();
        for (NDArray input : inputs) {
            arguments.add(new LongPointer(1).put(EngineMemory.address(input)));
        }
        arguments.add(new LongPointer(1).put(logDecay == null ? 0L : EngineMemory.address(logDecay)));
        for (NDArray array : rest) {
            arguments.add(new LongPointer(1).put(array == null ? 0L : EngineMemory.address(array)));
        }
        for (int value : new int[] {dims.time, dims.dk, dims.dv, dims.chunk}) {
            arguments.add(new IntPointer(1).put(value));
        }
        // This constructor keeps the argument pointers referenced (put(i, p) would not), so none is freed
        // before the driver has copied what it points at.
        PointerPointer<Pointer> parameters = new PointerPointer<>(arguments.toArray(new Pointer[0]));
        int current = cuCtxSetCurrent(context);
        if (current != CUDA_SUCCESS) {
            throw new LaunchException("cuCtxSetCurrent failed: " + errorName(current));
        }
        int launched = cuLaunchKernel(function, dims.rows, 1, 1, THREADS, 1, 1, 0, (CUstream_st) null, parameters,
                (PointerPointer<?>) null);
        Reference.reachabilityFence(arguments);
        Reference.reachabilityFence(parameters);
        if (launched != CUDA_SUCCESS) {
            throw new LaunchException("cuLaunchKernel failed: " + errorName(launched));
        }
        LAUNCHES.incrementAndGet();
    }

    /** The launch's sizes, after every argument has been checked against the others. */
    private record Dims(int rows, int time, int dk, int dv, int chunk, int chunks) {

        /** Nothing to compute: no rows, no time or no width. */
        boolean empty() {
            return rows == 0 || time == 0 || dk == 0 || dv == 0;
        }

        static Dims of(NDArray q, NDArray k, NDArray v, NDArray beta, NDArray logDecay, int chunk, Device arrays) {
            Shape qs = q.getShape();
            if (qs.dimension() != 4) {
                throw new IllegalArgumentException("q must be [batch, heads, time, dk], was " + qs);
            }
            if (chunk < 1) {
                throw new IllegalArgumentException("chunk must be positive, was " + chunk);
            }
            requireShape("k", k, qs);
            Shape vs = v.getShape();
            if (vs.dimension() != 4 || vs.get(0) != qs.get(0) || vs.get(1) != qs.get(1) || vs.get(2) != qs.get(2)) {
                throw new IllegalArgumentException("v must be [batch, heads, time, dv] like q " + qs + ", was " + vs);
            }
            Shape rowsShape = new Shape(qs.get(0), qs.get(1), qs.get(2));
            requireShape("beta", beta, rowsShape);
            if (logDecay != null) {
                requireShape("logDecay", logDecay, rowsShape);
            }
            for (NDArray array : new NDArray[] {q, k, v, beta, logDecay}) {
                if (array != null) {
                    requireKind(array == q ? "q" : array == k ? "k" : array == v ? "v" : array == beta ? "beta"
                            : "logDecay", array, arrays);
                }
            }
            long rows = qs.get(0) * qs.get(1);
            long time = qs.get(2);
            if (rows > Integer.MAX_VALUE || time > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("too large for one launch: " + qs);
            }
            int chunks = (int) ((time + chunk - 1) / chunk);
            return new Dims((int) rows, (int) time, (int) qs.get(3), (int) vs.get(3), chunk, chunks);
        }

        NDArray work(NDArray like) {
            return like.getManager().create(new Shape(rows, workFloats(dk, dv, chunk)), DataType.FLOAT32,
                    like.getDevice());
        }
    }

    /** Each block's scratch in floats: {@code delta_rule_work_floats} in the source (a test holds them equal). */
    static long workFloats(int dk, int dv, int chunk) {
        long c = chunk;
        return 3 * c + 2L * dk * dv + c * dv * 4 + c * dk * 4 + 4 * c * c;
    }

    private static void requireShape(String name, NDArray array, Shape expected) {
        if (!array.getShape().equals(expected)) {
            throw new IllegalArgumentException(name + " must be " + expected + ", was " + array.getShape());
        }
    }

    private static void requireKind(String name, NDArray array, Device arrays) {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(name + " must be float32, was " + array.getDataType());
        }
        if (!array.getDevice().equals(arrays)) {
            throw new IllegalArgumentException(name + " is on " + array.getDevice() + "; these kernels were loaded for "
                    + arrays);
        }
    }

    private static void check(int result, String call) {
        if (result != CUDA_SUCCESS) {
            throw new IllegalStateException(call + " failed: " + errorName(result));
        }
    }

    private static String errorName(int result) {
        BytePointer name = new BytePointer((Pointer) null);
        String described = cuGetErrorName(result, name) == CUDA_SUCCESS && !name.isNull() ? name.getString()
                : "error";
        return described + " (" + result + ")";
    }
}
