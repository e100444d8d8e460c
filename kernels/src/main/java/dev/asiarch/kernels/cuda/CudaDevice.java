package dev.asiarch.kernels.cuda;

import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static org.bytedeco.cuda.global.cudart.CUDA_SUCCESS;
import static org.bytedeco.cuda.global.cudart.cuDeviceGet;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetAttribute;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetCount;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetName;
import static org.bytedeco.cuda.global.cudart.cuInit;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;

/**
 * Whether this process can use a CUDA device for the fused kernels, and if not, why, in one line: the
 * natives missing from the class path (the orchestrator and the CLI never carry them), no driver, or a
 * driver without a device. Loads nothing until asked.
 */
public final class CudaDevice {

    /** What {@link #probe()} found: a usable device (its name and architecture), or the reason there is none. */
    public record Probe(boolean usable, String architecture, String line) {
    }

    private CudaDevice() {
    }

    /** Looks for device 0 through the driver API. Never throws. */
    public static Probe probe() {
        try {
            int init = cuInit(0);
            if (init != CUDA_SUCCESS) {
                return new Probe(false, "", "no usable CUDA device: cuInit returned " + init
                        + (init == 100 ? " (no device)" : init == 35 ? " (driver older than the runtime)" : "")
                        + "; the fused kernels are off and the DJL path runs");
            }
            IntPointer count = new IntPointer(1);
            if (cuDeviceGetCount(count) != CUDA_SUCCESS || count.get() == 0) {
                return new Probe(false, "", "no usable CUDA device: the driver sees none; the fused kernels are off");
            }
            IntPointer device = new IntPointer(1);
            cuDeviceGet(device, 0);
            IntPointer major = new IntPointer(1);
            IntPointer minor = new IntPointer(1);
            cuDeviceGetAttribute(major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device.get());
            cuDeviceGetAttribute(minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device.get());
            BytePointer name = new BytePointer(256);
            cuDeviceGetName(name, 256, device.get());
            String architecture = "sm_" + major.get() + minor.get();
            return new Probe(true, architecture, "CUDA device 0: " + name.getString() + " (" + architecture + ")");
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            return new Probe(false, "", "no usable CUDA device: the CUDA natives did not load ("
                    + firstLine(e) + "); a GPU worker needs org.bytedeco:cuda for its platform and cuda-redist"
                    + " (build the application with -Pcuda); the fused kernels are off and the DJL path runs");
        }
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        int newline = message.indexOf('\n');
        return root.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }
}
