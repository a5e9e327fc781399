#!/usr/bin/env bash
# Compare elbo4j's GEMM with numpy/OpenBLAS on the VAE shapes and 1024^3, run one right after the
# other on the same machine with the same thread count and the same measuring policy (0.3 s warm-up,
# then the median of 5 rounds of about 0.1 s; see bench/numpy_gemm.py and GemmBenchmark).
#
# Usage: bench/compare_gemm.sh [vae|square|all] [threads]     (default: all, 2)
# Environment: JAVA (the java binary for the jar fallback, default: java on PATH).
# Needs: python3 with numpy; ./elbo4j, or elbo4j-cli/target/elbo4j-cli.jar (mvn -q package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
shapes="${1:-all}"
threads="${2:-2}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "numpy (OPENBLAS_NUM_THREADS=$threads)..." >&2
OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" python3 bench/numpy_gemm.py "$shapes" > "$out/numpy.jsonl"

echo "elbo4j (--threads $threads)..." >&2
if [ -x ./elbo4j ]; then
    ./elbo4j bench gemm --threads "$threads" --shapes "$shapes" > "$out/elbo4j.jsonl"
elif [ -f elbo4j-cli/target/elbo4j-cli.jar ]; then
    "${JAVA:-java}" --add-modules jdk.incubator.vector -cp elbo4j-cli/target/elbo4j-cli.jar \
        org.elbo4j.cli.Main bench gemm --threads "$threads" --shapes "$shapes" > "$out/elbo4j.jsonl"
else
    echo "compare_gemm.sh: neither ./elbo4j nor elbo4j-cli/target/elbo4j-cli.jar exists; build first" >&2
    exit 2
fi

python3 - "$out/numpy.jsonl" "$out/elbo4j.jsonl" <<'PY'
import json
import sys

def load(path):
    rows = {}
    for line in open(path):
        line = line.strip()
        if line.startswith("{"):
            r = json.loads(line)
            rows[(r["m"], r["k"], r["n"], r["transA"], r["transB"])] = r["gflops"]
    return rows

numpy, elbo = load(sys.argv[1]), load(sys.argv[2])
print("%-22s %6s %10s %10s %7s" % ("m x k x n", "op", "numpy", "elbo4j", "ratio"))
ratios = []
for key, np_gf in numpy.items():
    m, k, n, ta, tb = key
    el = elbo.get(key)
    ratio = el / np_gf if el is not None and np_gf > 0 else float("nan")
    if el is not None:
        ratios.append(ratio)
    print("%-22s %6s %10.1f %10s %7.2f" % ("%d x %d x %d" % (m, k, n), ("T" if ta else "N") + ("T" if tb else "N"),
                                          np_gf, "-" if el is None else "%.1f" % el, ratio))
if ratios:
    geo = 1.0
    for r in ratios:
        geo *= r
    print("geometric mean ratio elbo4j/numpy: %.2f (min %.2f)" % (geo ** (1.0 / len(ratios)), min(ratios)))
PY
