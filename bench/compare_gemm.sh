#!/usr/bin/env bash
# Compare elbo4j's GEMM with numpy/OpenBLAS on the VAE shapes and 1024^3, run one right after the
# other on the same machine with the same thread count and the same measuring policy (1 s warm-up,
# then the median of 5 rounds of about 0.1 s; see bench/numpy_gemm.py and GemmBenchmark), then the
# measured FMA peak of one core (elbo4j bench peak), the ceiling both approach.
#
# Usage: bench/compare_gemm.sh [vae|square|all] [threads] [native|avx2]     (default: all 2 native)
#   native  each side on this CPU's own vectors: OpenBLAS without the OPENBLAS_CORETYPE/L2_SIZE
#           overrides some machines set (they slow it on AVX-512), elbo4j with its default options;
#   avx2    what an AVX2 CPU runs, on an AVX-512 machine: OPENBLAS_CORETYPE=Haswell, and elbo4j with
#           -XX:UseAVX=2 (16 ymm registers, 256-bit kernels).
# Environment: PYTHON (default /usr/bin/python3, Debian's numpy on OpenBLAS), JAVA (the java binary
#              for the jar fallback, default: java on PATH).
# Needs: python3-numpy python3-threadpoolctl libopenblas0-pthread; ./elbo4j (or the built jar).
set -euo pipefail
cd "$(dirname "$0")/.."
shapes="${1:-all}"
threads="${2:-2}"
width="${3:-native}"
py="${PYTHON:-/usr/bin/python3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

case "$width" in
  native) blas_env=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE); java_opts="-Xmx512m -XX:+UseSerialGC" ;;
  avx2)   blas_env=(env OPENBLAS_CORETYPE=Haswell); java_opts="-Xmx512m -XX:+UseSerialGC -XX:UseAVX=2" ;;
  *) echo "compare_gemm.sh: width must be native or avx2, got '$width'" >&2; exit 2 ;;
esac

elbo4j() {
    if [ -x ./elbo4j ]; then
        ELBO4J_JAVA_OPTS="$java_opts" ./elbo4j "$@"
    elif [ -f elbo4j-cli/target/elbo4j-cli.jar ]; then
        # shellcheck disable=SC2086
        "${JAVA:-java}" --add-modules jdk.incubator.vector $java_opts -cp elbo4j-cli/target/elbo4j-cli.jar \
            org.elbo4j.cli.Main "$@"
    else
        echo "compare_gemm.sh: neither ./elbo4j nor elbo4j-cli/target/elbo4j-cli.jar exists; build first" >&2
        exit 2
    fi
}

cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
flags=$(grep -m1 -o -w -E 'avx512f|avx2|fma|asimd' /proc/cpuinfo 2>/dev/null | sort -u | tr '\n' ' ')
echo "CPU: ${cpu:-unknown} (flags: ${flags:-?}); width: $width; load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

echo "numpy (OPENBLAS_NUM_THREADS=$threads)..." >&2
"${blas_env[@]}" OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" "$py" bench/numpy_gemm.py "$shapes" \
    > "$out/numpy.jsonl" 2> "$out/numpy.err"
cat "$out/numpy.err" >&2

echo "elbo4j (--threads $threads)..." >&2
elbo4j bench gemm --threads "$threads" --shapes "$shapes" > "$out/elbo4j.jsonl" 2> "$out/elbo4j.err"
grep -v "incubator modules" "$out/elbo4j.err" >&2 || true
elbo4j bench peak > "$out/peak.json" 2> /dev/null
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

"$py" - "$out/numpy.jsonl" "$out/elbo4j.jsonl" "$out/peak.json" "$threads" <<'PY'
import json
import sys

def load(path):
    rows = {}
    for line in open(path):
        line = line.strip()
        if line.startswith("{"):
            r = json.loads(line)
            rows[(r["m"], r["k"], r["n"], r["transA"], r["transB"])] = r
    return rows

numpy, elbo = load(sys.argv[1]), load(sys.argv[2])
peak = json.load(open(sys.argv[3]))
threads = int(sys.argv[4])
kernels = sorted({"%s-bit %s" % (r.get("vector_bits"), r.get("tile")) for r in elbo.values()})
print("elbo4j kernel: %s; FMA peak %.1f GFLOP/s per core x %d threads = %.1f GFLOP/s"
      % (", ".join(kernels), peak["gflops_per_core"], threads, peak["gflops_per_core"] * threads))
print("%-22s %6s %10s %10s %7s %9s" % ("m x k x n", "op", "numpy", "elbo4j", "ratio", "of peak"))
ratios = []
for key, np_row in numpy.items():
    m, k, n, ta, tb = key
    np_gf = np_row["gflops"]
    el = elbo.get(key)
    el_gf = el["gflops"] if el else None
    ratio = el_gf / np_gf if el_gf is not None and np_gf > 0 else float("nan")
    if el_gf is not None:
        ratios.append(ratio)
    print("%-22s %6s %10.1f %10s %7.2f %8.0f%%" % ("%d x %d x %d" % (m, k, n), ("T" if ta else "N") + ("T" if tb else "N"),
          np_gf, "-" if el_gf is None else "%.1f" % el_gf, ratio,
          100.0 * (el_gf or 0) / (peak["gflops_per_core"] * threads)))
vae = [r for key, r in zip(numpy.keys(), ratios) if key[0] != 1024]
def geo(xs):
    p = 1.0
    for x in xs:
        p *= x
    return p ** (1.0 / len(xs)) if xs else float("nan")
if ratios:
    print("geometric mean ratio elbo4j/numpy: VAE shapes %.2f (min %.2f); all %.2f"
          % (geo(vae), min(vae) if vae else float("nan"), geo(ratios)))
PY
