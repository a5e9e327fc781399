#!/usr/bin/env python3
"""numpy (OpenBLAS) reference for `elbo4j bench gemm`: the same shapes, the same JSON lines.

Run with OPENBLAS_NUM_THREADS=2 (compare_gemm.sh sets it). Each shape is measured exactly as
org.elbo4j.tensor.kernel.GemmBenchmark measures it: float32 operands filled with standard
normals, the product written into a preallocated C (no accumulate); 1 s of warm-up, then
ROUNDS rounds of at least ROUND_SECONDS each, and the median round's GFLOP/s (2*m*n*k per
product) is reported. transA/transB use the transposed view `x.T` of a stored array, so
OpenBLAS sees the transposed layout (no copy), like the Java side.

Usage: numpy_gemm.py [vae|square|all]
"""
import json
import sys
import time

import numpy as np

WARMUP_SECONDS = 1.0
ROUNDS = 5
ROUND_SECONDS = 0.1
BATCH = 128
# (in, out) of each VAE layer: encoder 784-400, heads 400-20 (mu and logvar, and both fused
# as 400-40), decoder 20-400, 400-784. Weights are stored [in x out].
LAYERS = [(784, 400), (400, 20), (400, 40), (20, 400), (400, 784)]


def vae_shapes():
    shapes = []
    for fan_in, fan_out in LAYERS:
        shapes.append((BATCH, fan_in, fan_out, False, False))  # Y = X W
        shapes.append((BATCH, fan_out, fan_in, False, True))   # dX = dY W^T
        shapes.append((fan_in, BATCH, fan_out, True, False))   # dW = X^T dY
    return shapes


def square_shapes():
    return [(1024, 1024, 1024, False, False)]


def measure(m, k, n, trans_a, trans_b, rng):
    a = rng.standard_normal((k, m) if trans_a else (m, k), dtype=np.float32)
    b = rng.standard_normal((n, k) if trans_b else (k, n), dtype=np.float32)
    op_a = a.T if trans_a else a
    op_b = b.T if trans_b else b
    c = np.empty((m, n), dtype=np.float32)

    def run(reps):
        for _ in range(reps):
            np.matmul(op_a, op_b, out=c)

    start = time.perf_counter()
    while time.perf_counter() - start < WARMUP_SECONDS:
        run(1)
    # repetitions per round: enough to last ROUND_SECONDS
    reps = 1
    while True:
        t0 = time.perf_counter()
        run(reps)
        dt = time.perf_counter() - t0
        if dt >= ROUND_SECONDS / 4:
            reps = max(1, int(reps * ROUND_SECONDS / dt))
            break
        reps *= 2
    rates = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        run(reps)
        dt = time.perf_counter() - t0
        rates.append(2.0 * m * n * k * reps / dt / 1e9)
    rates.sort()
    return rates[len(rates) // 2]


def describe_blas():
    """Names the BLAS numpy calls and the kernel it picked for this CPU, on stderr."""
    try:
        import threadpoolctl
        info = [i for i in threadpoolctl.threadpool_info() if i.get("user_api") == "blas"]
        for i in info:
            print("numpy %s: %s %s, kernel %s, %s threads" % (np.__version__, i.get("internal_api"), i.get("version"),
                  i.get("architecture"), i.get("num_threads")), file=sys.stderr)
        if not info:
            print("numpy %s: no BLAS found by threadpoolctl" % np.__version__, file=sys.stderr)
    except ImportError:
        print("numpy %s: threadpoolctl missing (apt-get install -y python3-threadpoolctl)" % np.__version__,
              file=sys.stderr)


def main():
    which = sys.argv[1] if len(sys.argv) > 1 else "all"
    if which not in ("vae", "square", "all"):
        sys.exit("numpy_gemm.py: shapes must be vae, square or all, got " + which)
    describe_blas()
    shapes = (vae_shapes() if which in ("vae", "all") else []) + \
             (square_shapes() if which in ("square", "all") else [])
    rng = np.random.default_rng(42)
    print("numpy %s, threads %s" % (np.__version__,
          __import__("os").environ.get("OPENBLAS_NUM_THREADS", "default")), file=sys.stderr)
    for m, k, n, ta, tb in shapes:
        gflops = measure(m, k, n, ta, tb, rng)
        print(json.dumps({"m": m, "k": k, "n": n, "transA": ta, "transB": tb,
                          "gflops": round(gflops, 1)}, separators=(",", ":")), flush=True)


if __name__ == "__main__":
    main()
