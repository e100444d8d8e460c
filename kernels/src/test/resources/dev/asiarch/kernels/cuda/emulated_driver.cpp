// A CUDA driver (libcuda.so.1) whose one device is the host: the driver-API calls the fused kernels'
// Java launcher makes, answered as a real driver answers them, with the kernels of delta_rule.cu run on
// the host (each block on one thread, see on_the_host.h). "Device" pointers are host pointers, so the
// launcher can be run end to end on the engine's CPU arrays. What a real driver refuses, this one
// refuses too: a launch without a current context on the calling thread, an image that is not an ELF
// CUBIN, an unknown kernel name, a block of no or too many threads, a null argument array.
#include <cstring>
#include <initializer_list>

#include "on_the_host.h"

namespace {

enum Result {
    SUCCESS = 0,
    INVALID_VALUE = 1,
    NOT_INITIALIZED = 3,
    INVALID_DEVICE = 101,
    INVALID_IMAGE = 200,
    INVALID_CONTEXT = 201,
    INVALID_HANDLE = 400,
    NOT_FOUND = 500,
};

struct Context {
    int device;
};
struct Module {
    bool loaded;
};
struct Function {
    const char* name;
};

bool initialised = false;
Context primary = {0};
Module module = {false};
Function forward_function = {"delta_rule_forward"};
Function backward_function = {"delta_rule_backward"};
thread_local Context* current = nullptr;

template <typename T>
T argument(void** parameters, int index) {
    return *static_cast<T*>(parameters[index]);
}

void each_block(unsigned int blocks, void (*run)(void**), void** parameters) {
    blockDim.x = 1;
    threadIdx.x = 0;
    for (unsigned int b = 0; b < blocks; b++) {
        blockIdx.x = static_cast<int>(b);
        run(parameters);
    }
}

void run_forward(void** p) {
    delta_rule_forward(argument<const float*>(p, 0), argument<const float*>(p, 1), argument<const float*>(p, 2),
                       argument<const float*>(p, 3), argument<const float*>(p, 4), argument<float*>(p, 5),
                       argument<float*>(p, 6), argument<float*>(p, 7), argument<int>(p, 8), argument<int>(p, 9),
                       argument<int>(p, 10), argument<int>(p, 11));
}

void run_backward(void** p) {
    delta_rule_backward(argument<const float*>(p, 0), argument<const float*>(p, 1), argument<const float*>(p, 2),
                        argument<const float*>(p, 3), argument<const float*>(p, 4), argument<const float*>(p, 5),
                        argument<const float*>(p, 6), argument<float*>(p, 7), argument<float*>(p, 8),
                        argument<float*>(p, 9), argument<float*>(p, 10), argument<float*>(p, 11),
                        argument<float*>(p, 12), argument<int>(p, 13), argument<int>(p, 14), argument<int>(p, 15),
                        argument<int>(p, 16));
}

}  // namespace

extern "C" {

int cuInit(unsigned int flags) {
    if (flags != 0) {
        return INVALID_VALUE;
    }
    initialised = true;
    return SUCCESS;
}

// NVRTC opens the driver too, and once cuInit succeeds asks it for its private tables; there are none.
int cuGetExportTable(const void** table, const void* id) {
    (void) id;
    *table = nullptr;
    return NOT_FOUND;
}

int cuDriverGetVersion(int* version) {
    *version = 13010;
    return SUCCESS;
}

int cuDeviceGetCount(int* count) {
    if (!initialised) {
        return NOT_INITIALIZED;
    }
    *count = 1;
    return SUCCESS;
}

int cuDeviceGet(int* device, int ordinal) {
    if (!initialised) {
        return NOT_INITIALIZED;
    }
    if (ordinal != 0) {
        return INVALID_DEVICE;
    }
    *device = 0;
    return SUCCESS;
}

int cuDeviceGetAttribute(int* value, int attribute, int device) {
    if (device != 0) {
        return INVALID_DEVICE;
    }
    if (attribute == 75) {  // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR
        *value = 8;
    } else if (attribute == 76) {  // ..._MINOR
        *value = 0;
    } else {
        return INVALID_VALUE;
    }
    return SUCCESS;
}

int cuDeviceGetName(char* name, int length, int device) {
    if (device != 0 || length <= 0) {
        return INVALID_VALUE;
    }
    std::strncpy(name, "Emulated device (the host)", static_cast<size_t>(length) - 1);
    name[length - 1] = '\0';
    return SUCCESS;
}

int cuDevicePrimaryCtxRetain(Context** context, int device) {
    if (!initialised) {
        return NOT_INITIALIZED;
    }
    if (device != 0) {
        return INVALID_DEVICE;
    }
    *context = &primary;
    return SUCCESS;
}

int cuCtxSetCurrent(Context* context) {
    if (context != nullptr && context != &primary) {
        return INVALID_CONTEXT;
    }
    current = context;
    return SUCCESS;
}

int cuCtxSynchronize() {
    return current == nullptr ? INVALID_CONTEXT : SUCCESS;
}

int cuModuleLoadData(Module** loaded, const void* image) {
    if (current == nullptr) {
        return INVALID_CONTEXT;
    }
    if (image == nullptr || std::memcmp(image, "\x7f" "ELF", 4) != 0) {
        return INVALID_IMAGE;
    }
    module.loaded = true;
    *loaded = &module;
    return SUCCESS;
}

int cuModuleUnload(Module* loaded) {
    if (loaded != &module || !module.loaded) {
        return INVALID_HANDLE;
    }
    module.loaded = false;
    return SUCCESS;
}

int cuModuleGetFunction(Function** function, Module* loaded, const char* name) {
    if (loaded != &module || !module.loaded) {
        return INVALID_HANDLE;
    }
    for (Function* known : {&forward_function, &backward_function}) {
        if (std::strcmp(name, known->name) == 0) {
            *function = known;
            return SUCCESS;
        }
    }
    return NOT_FOUND;
}

int cuLaunchKernel(Function* function, unsigned int grid_x, unsigned int grid_y, unsigned int grid_z,
                   unsigned int block_x, unsigned int block_y, unsigned int block_z, unsigned int shared_bytes,
                   void* stream, void** parameters, void** extra) {
    if (current == nullptr) {
        return INVALID_CONTEXT;
    }
    if (function != &forward_function && function != &backward_function) {
        return INVALID_HANDLE;
    }
    unsigned long long threads = static_cast<unsigned long long>(block_x) * block_y * block_z;
    if (grid_x == 0 || grid_y != 1 || grid_z != 1 || threads == 0 || threads > 1024 || shared_bytes > 48 * 1024
            || parameters == nullptr || extra != nullptr || stream != nullptr) {  // only the default stream here
        return INVALID_VALUE;
    }
    each_block(grid_x, function == &forward_function ? run_forward : run_backward, parameters);
    return SUCCESS;
}

int cuGetErrorName(int error, const char** name) {
    switch (error) {
        case SUCCESS: *name = "CUDA_SUCCESS"; return SUCCESS;
        case INVALID_VALUE: *name = "CUDA_ERROR_INVALID_VALUE"; return SUCCESS;
        case NOT_INITIALIZED: *name = "CUDA_ERROR_NOT_INITIALIZED"; return SUCCESS;
        case INVALID_DEVICE: *name = "CUDA_ERROR_INVALID_DEVICE"; return SUCCESS;
        case INVALID_IMAGE: *name = "CUDA_ERROR_INVALID_IMAGE"; return SUCCESS;
        case INVALID_CONTEXT: *name = "CUDA_ERROR_INVALID_CONTEXT"; return SUCCESS;
        case INVALID_HANDLE: *name = "CUDA_ERROR_INVALID_HANDLE"; return SUCCESS;
        case NOT_FOUND: *name = "CUDA_ERROR_NOT_FOUND"; return SUCCESS;
        default: *name = nullptr; return INVALID_VALUE;
    }
}

}  // extern "C"
