// Compiles delta_rule.cu as host C++: a block runs on one thread (blockDim.x = 1), its barriers are
// no-ops, and the CUDA qualifiers vanish. The kernels stride every loop over the block's threads and
// separate their phases with barriers, so one thread runs exactly their arithmetic.
#pragma once
#include <cmath>

struct Index3 {
    int x = 0, y = 0, z = 0;
};
static thread_local Index3 threadIdx, blockIdx, blockDim;

#define __global__
#define __device__
#define __host__
#define __syncthreads() ((void) 0)
#include "delta_rule.cu"
