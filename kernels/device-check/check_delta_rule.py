#!/usr/bin/env python3
"""Device check of the fused delta-rule kernels, for a GPU machine without a JDK.

Compiles kernels/src/main/resources/dev/asiarch/kernels/cuda/delta_rule.cu (the very text the Java
worker compiles) with CuPy's NVRTC to a CUBIN for this device, runs forward and backward, plain and
gated, against a PyTorch reference of the same equations (the chunked form, in float64, gradients by
autograd), at the gpu-20m profile's shapes and at T = 4096; prints each error, the kernels' times
against the same math written as PyTorch operations (float32), and one closing PASS or FAIL line.

    python3 kernels/device-check/check_delta_rule.py [--quick]

--quick runs small shapes only (seconds), for a first look at a new machine.
"""
import argparse
import math
import os
import re
import sys
import time

import numpy as np
import torch
import cupy

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "src", "main", "resources", "dev", "asiarch", "kernels", "cuda", "delta_rule.cu")
THREADS = 256
FORWARD_TOLERANCE = 1e-4   # largest |kernel - reference| over the largest |reference|
BACKWARD_TOLERANCE = 1e-3


def work_floats(dk, dv, chunk):
    """Scratch floats per block: delta_rule_work_floats's expression, read from the source itself."""
    with open(SOURCE) as f:
        text = f.read()
    body = re.search(r"delta_rule_work_floats\(int dk, int dv, int chunk\) \{\s*long long c = chunk;\s*return ([^;]+);", text)
    if body is None:
        raise SystemExit("cannot find delta_rule_work_floats's expression in " + SOURCE)
    expression = body.group(1).replace("LL", "")
    if not re.fullmatch(r"[0-9cdkv_ *+()]+", expression):
        raise SystemExit("unexpected delta_rule_work_floats expression: " + expression)
    return eval(expression, {"__builtins__": {}}, {"c": chunk, "dk": dk, "dv": dv})


def reference(q, k, v, beta, log_decay, chunk):
    """The chunked (gated) delta rule in PyTorch operations: DeltaRule.chunked / GatedDeltaRule.chunked."""
    b, h, t, dk = q.shape
    dv = v.shape[-1]
    n = (t + chunk - 1) // chunk
    pad = n * chunk - t

    def chunks(x):
        if pad:
            x = torch.nn.functional.pad(x, (0, 0, 0, pad) if x.dim() == 4 else (0, pad))
        return x.reshape(b, h, n, chunk, *x.shape[3:])

    qc, kc, vc = chunks(q), chunks(k), chunks(v)
    bc = chunks(beta).unsqueeze(-1)
    g = chunks(log_decay) if log_decay is not None else torch.zeros(b, h, n, chunk, dtype=q.dtype, device=q.device)
    cum = g.cumsum(-1)
    ratio = torch.exp(cum.unsqueeze(-1) - cum.unsqueeze(-2))
    lower = torch.tril(torch.ones(chunk, chunk, dtype=q.dtype, device=q.device), -1)
    causal = torch.tril(torch.ones(chunk, chunk, dtype=q.dtype, device=q.device))
    eye = torch.eye(chunk, dtype=q.dtype, device=q.device)
    system = eye + (kc @ kc.transpose(-1, -2)) * bc * ratio * lower
    u = torch.linalg.solve_triangular(system, vc * bc, upper=False, unitriangular=True)
    w = torch.linalg.solve_triangular(system, kc * bc * torch.exp(cum).unsqueeze(-1), upper=False, unitriangular=True)
    scores = (qc @ kc.transpose(-1, -2)) * ratio * causal
    decayed_q = qc * torch.exp(cum).unsqueeze(-1)
    to_end = kc * torch.exp(cum[..., -1:] - cum).unsqueeze(-1)
    whole = torch.exp(cum[..., -1]).unsqueeze(-1).unsqueeze(-1)
    state = torch.zeros(b, h, dk, dv, dtype=q.dtype, device=q.device)
    outs = []
    for i in range(n):
        d = u[:, :, i] - w[:, :, i] @ state
        outs.append(decayed_q[:, :, i] @ state + scores[:, :, i] @ d)
        state = whole[:, :, i] * state + to_end[:, :, i].transpose(-1, -2) @ d
    return torch.stack(outs, 2).reshape(b, h, n * chunk, dv)[:, :, :t]


class Kernels:
    def __init__(self):
        major, minor = torch.cuda.get_device_capability()
        self.architecture = "sm_%d%d" % (major, minor)
        with open(SOURCE) as f:
            code = f.read()
        started = time.time()
        # CuPy adds the device's architecture itself and asks NVRTC for a CUBIN where it can.
        self.module = cupy.RawModule(code=code, backend="nvrtc", options=("--std=c++17",))
        self.forward_kernel = self.module.get_function("delta_rule_forward")
        self.backward_kernel = self.module.get_function("delta_rule_backward")
        self.compile_seconds = time.time() - started

    @staticmethod
    def _ptr(x):
        return np.uint64(0) if x is None else np.uint64(x.data_ptr())

    def forward(self, q, k, v, beta, log_decay, chunk, keep_states=True):
        b, h, t, dk = q.shape
        dv = v.shape[-1]
        n = (t + chunk - 1) // chunk
        out = torch.empty(b, h, t, dv, device=q.device, dtype=torch.float32)
        states = torch.empty(b * h, n, dk, dv, device=q.device, dtype=torch.float32) if keep_states else None
        work = torch.empty(b * h * work_floats(dk, dv, chunk), device=q.device, dtype=torch.float32)
        torch.cuda.synchronize()
        self.forward_kernel((b * h,), (THREADS,), (
            self._ptr(q), self._ptr(k), self._ptr(v), self._ptr(beta), self._ptr(log_decay),
            self._ptr(out), self._ptr(states), self._ptr(work), np.int32(t), np.int32(dk), np.int32(dv),
            np.int32(chunk)))
        cupy.cuda.runtime.deviceSynchronize()
        return out, states

    def backward(self, q, k, v, beta, log_decay, states, d_out, chunk):
        b, h, t, dk = q.shape
        dv = v.shape[-1]
        grads = [torch.empty_like(q), torch.empty_like(k), torch.empty_like(v), torch.empty_like(beta),
                 torch.empty_like(log_decay) if log_decay is not None else None]
        work = torch.empty(b * h * work_floats(dk, dv, chunk), device=q.device, dtype=torch.float32)
        torch.cuda.synchronize()
        self.backward_kernel((b * h,), (THREADS,), (
            self._ptr(q), self._ptr(k), self._ptr(v), self._ptr(beta), self._ptr(log_decay), self._ptr(states),
            self._ptr(d_out), self._ptr(grads[0]), self._ptr(grads[1]), self._ptr(grads[2]), self._ptr(grads[3]),
            self._ptr(grads[4]), self._ptr(work), np.int32(t), np.int32(dk), np.int32(dv), np.int32(chunk)))
        cupy.cuda.runtime.deviceSynchronize()
        return grads


def inputs(b, h, t, dk, dv, gated, seed):
    generator = torch.Generator(device="cuda").manual_seed(seed)

    def normal(*shape):
        return torch.randn(*shape, generator=generator, device="cuda", dtype=torch.float32)

    q = torch.nn.functional.normalize(normal(b, h, t, dk), dim=-1)
    k = torch.nn.functional.normalize(normal(b, h, t, dk), dim=-1)
    v = normal(b, h, t, dv)
    beta = torch.sigmoid(normal(b, h, t))
    log_decay = -torch.nn.functional.softplus(normal(b, h, t)) * 0.1 if gated else None
    d_out = normal(b, h, t, dv)
    return [x.contiguous() if x is not None else None for x in (q, k, v, beta, log_decay, d_out)]


def relative_error(actual, expected):
    scale = max(expected.abs().max().item(), 1e-30)
    return (actual.double() - expected).abs().max().item() / scale


def timed(function, repeats=3):
    function()
    torch.cuda.synchronize()
    best = math.inf
    for _ in range(repeats):
        started = time.time()
        function()
        torch.cuda.synchronize()
        best = min(best, time.time() - started)
    return best


def check(kernels, name, b, h, t, dk, dv, chunk, gated, seed):
    q, k, v, beta, log_decay, d_out = inputs(b, h, t, dk, dv, gated, seed)
    out, states = kernels.forward(q, k, v, beta, log_decay, chunk)
    grads = kernels.backward(q, k, v, beta, log_decay, states, d_out, chunk)

    leaves = [x.double().requires_grad_(True) if x is not None else None for x in (q, k, v, beta, log_decay)]
    expected = reference(*leaves, chunk)
    expected.backward(d_out.double())
    errors = {"out": relative_error(out, expected.detach())}
    for label, grad, leaf in zip(("dq", "dk", "dv", "dbeta", "dlog_decay"), grads, leaves):
        if leaf is not None:
            errors[label] = relative_error(grad, leaf.grad)
    del leaves, expected
    torch.cuda.empty_cache()

    fused_forward = timed(lambda: kernels.forward(q, k, v, beta, log_decay, chunk))
    fused_backward = timed(lambda: kernels.backward(q, k, v, beta, log_decay, states, d_out, chunk))
    torch_leaves = [x.clone().requires_grad_(True) if x is not None else None for x in (q, k, v, beta, log_decay)]

    def torch_forward():
        with torch.no_grad():
            reference(*torch_leaves, chunk)

    def torch_both():
        reference(*torch_leaves, chunk).backward(d_out)

    torch_forward_seconds = timed(torch_forward)
    torch_both_seconds = timed(torch_both)
    ok = errors["out"] <= FORWARD_TOLERANCE and all(
        value <= BACKWARD_TOLERANCE for label, value in errors.items() if label != "out")
    shown = "  ".join("%s %.1e" % (label, value) for label, value in errors.items())
    print("%-34s %s  fused fwd %7.2f ms, fwd+bwd %7.2f ms; torch fwd %7.2f ms, fwd+bwd %7.2f ms  %s" % (
        name, shown, fused_forward * 1e3, (fused_forward + fused_backward) * 1e3, torch_forward_seconds * 1e3,
        torch_both_seconds * 1e3, "ok" if ok else "OUT OF TOLERANCE"))
    sys.stdout.flush()
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small shapes only")
    arguments = parser.parse_args()
    if not torch.cuda.is_available():
        print("FAIL: no CUDA device visible to PyTorch")
        return 1
    kernels = Kernels()
    print("device %s (%s), torch %s, cupy %s, NVRTC compile of delta_rule.cu %.2f s" % (
        torch.cuda.get_device_name(), kernels.architecture, torch.__version__, cupy.__version__,
        kernels.compile_seconds))
    # gpu-20m: hidden 256 as 4 heads of 64, context 2048, batch 256 (here 32 sequences: the same per-head
    # work, a fraction of the memory of the float64 reference); the gallery's chunk of 32; then T = 4096.
    cases = [("small, partial chunk", 2, 3, 100, 16, 8, 32)]
    if not arguments.quick:
        cases += [("gpu-20m, 32 x 4 heads, T 2048", 32, 4, 2048, 64, 64, 32),
                  ("long, 4 x 4 heads, T 4096", 4, 4, 4096, 64, 64, 32),
                  ("long, chunk 64, T 4096", 4, 4, 4096, 64, 64, 64)]
    passed = True
    for index, (label, b, h, t, dk, dv, chunk) in enumerate(cases):
        for gated in (False, True):
            name = "%s%s" % ("gated, " if gated else "", label)
            try:
                passed &= check(kernels, name, b, h, t, dk, dv, chunk, gated, seed=index * 2 + gated)
            except Exception as error:  # a launch failure is a failed check, reported, not a traceback
                print("%-34s FAILED: %s: %s" % (name, type(error).__name__, error))
                passed = False
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
