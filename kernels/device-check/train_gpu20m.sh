#!/usr/bin/env bash
# For a GPU machine that has JDK 17: 50 training steps of the gpu-20m profile (DeltaNet from the gallery,
# hidden 256, 8 layers, 256 sequences of 2048 bytes) on the CUDA device, through the fused delta-rule
# kernels, printing tokens/s and MFU against the dense matmul rate measured in the same process
# (TrainerThroughput). ASIARCH_FUSED_KERNELS=off runs the DJL chain instead, for the same figures without
# the kernels.
#
#   PYTORCH_LIBRARY_PATH=/opt/libtorch/lib kernels/device-check/train_gpu20m.sh [program] [steps]
#
# PYTORCH_LIBRARY_PATH: the lib/ folder of a libtorch 2.7.1 built for CUDA 12.8 (the DJL JNI jar on
# Maven Central carries a cu128 build; Central has no CUDA libtorch for 2.7.1).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
: "${PYTORCH_LIBRARY_PATH:?set PYTORCH_LIBRARY_PATH to the lib/ folder of a libtorch 2.7.1+cu128}"
export PYTORCH_FLAVOR="${PYTORCH_FLAVOR:-cu128}" PYTORCH_VERSION="${PYTORCH_VERSION:-2.7.1}"
jar="$root/app/target/asi-arch.jar"
# The CUDA natives (NVRTC, the driver API) come only with the -Pcuda build.
if [[ ! -f "$jar" ]] || ! compgen -G "$root/app/target/lib/cuda-redist-*" > /dev/null; then
  "$root/mvnw" -q -B -Pcuda -DskipTests package
fi
exec java -Xmx8g -Dai.djl.offline=true -cp "$jar" dev.asiarch.gpu.benchmarks.TrainerThroughput gpu-20m \
  "${1:-DeltaNet}" "${2:-50}"
