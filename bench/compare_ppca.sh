#!/usr/bin/env bash
# Compare `elbo4j ppca` with scikit-learn's PCA(n_components=q).score(X) * n (bench/sklearn_ppca.py)
# on Fashion-MNIST's 60000 training images (784 pixels / 255), one right after the other on the same
# machine. scikit-learn estimates its parameters from the covariance with denominator n - 1, so
# elbo4j runs with --denominator n-1 for the like-for-like number and once more with the default n
# for the maximum-likelihood value, which lies slightly above it. The reference is
# svd_solver="full" (exact; target 1e-6 relative); scikit-learn's default solver ("auto", here the
# randomized SVD) is approximate and is shown with its own difference.
# Times: each process's wall, user and system time (bash `time`; elbo4j's include the JVM start,
# Python's the imports), and the fit's own wall time as each side reports it.
#
# Usage: bench/compare_ppca.sh [q]          (default: 20)
# Environment: DATA (default /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz),
#              PYTHON (default /usr/bin/python3, with python3-sklearn), ELBO4J_JAVA_OPTS.
# Needs: apt-get install -y python3-sklearn dataset-fashion-mnist
set -euo pipefail
cd "$(dirname "$0")/.."
q="${1:-20}"
data="${DATA:-/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz}"
py="${PYTHON:-/usr/bin/python3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
TIMEFORMAT='%R %U %S'

cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
echo "CPU: ${cpu:-unknown}, $(nproc) cores; data: $data; q = $q" >&2
./elbo4j --version >&2   # builds the jar first if the sources changed, outside the timings
echo "load before: $(uptime)" >&2
{ time "$py" bench/sklearn_ppca.py "$data" "$q" full > "$out/full.json"; } 2> "$out/full.time"
{ time "$py" bench/sklearn_ppca.py "$data" "$q" auto > "$out/auto.json"; } 2> "$out/auto.time"
{ time ./elbo4j ppca --data "$data" --q "$q" --denominator n-1 --out "$out/unbiased" > /dev/null; } 2> "$out/unbiased.time"
./elbo4j ppca --data "$data" --q "$q" --out "$out/ml" > /dev/null
echo "load after: $(uptime)" >&2
"$py" - "$out" <<'PY'
import json, sys
out = sys.argv[1]
def load(name):
    return json.load(open(f"{out}/{name}/ppca.json" if name in ("unbiased", "ml") else f"{out}/{name}.json"))
def times(name):
    real, user, system = map(float, open(f"{out}/{name}.time").read().split()[-3:])
    return real, user + system
full, auto, un, ml = load("full"), load("auto"), load("unbiased"), load("ml")
for sk, name in ((full, "full"), (auto, "auto")):
    real, cpu = times(name)
    rel = abs(un["log_likelihood"] - sk["log_likelihood"]) / abs(sk["log_likelihood"])
    print(f"scikit-learn {sk['sklearn']} PCA({sk['q']}, svd_solver={name!r}).score(X)*n = {sk['log_likelihood']:.10f},"
          f" sigma^2 {sk['noise_variance']:.10g}; fit {sk['fit_seconds']:.2f} s + score {sk['score_seconds']:.2f} s,"
          f" reading {sk['read_seconds']:.2f} s; process wall {real:.2f} s, CPU {cpu:.2f} s;"
          f" elbo4j differs by {rel:.2e} relative")
real, cpu = times("unbiased")
print(f"elbo4j ppca --denominator n-1: L = {un['log_likelihood']:.10f}, sigma^2 {un['noise_variance']:.10g};"
      f" {un['seconds']:.2f} s incl. reading; process wall {real:.2f} s, CPU {cpu:.2f} s")
rel = abs(un["log_likelihood"] - full["log_likelihood"]) / abs(full["log_likelihood"])
print(f"relative difference to svd_solver='full': {rel:.2e} (target 1e-6): {'OK' if rel <= 1e-6 else 'FAILED'}")
print(f"elbo4j maximum likelihood (denominator n): L = {ml['log_likelihood']:.10f},"
      f" {ml['log_likelihood'] - full['log_likelihood']:.4g} above scikit-learn's exact value")
for name in ("full", "auto"):
    sk = full if name == "full" else auto
    print(f"time ratio elbo4j / scikit-learn {name}: {un['seconds'] / (sk['seconds'] + sk['read_seconds']):.2f}"
          f" (own wall times incl. reading), process CPU {times('unbiased')[1] / times(name)[1]:.2f},"
          f" process wall {times('unbiased')[0] / times(name)[0]:.2f}")
PY
