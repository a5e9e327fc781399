#!/usr/bin/env bash
# Compare `elbo4j ppca` with scikit-learn's PCA(n_components=q).score(X) * n (bench/sklearn_ppca.py)
# on Fashion-MNIST's 60000 training images (784 pixels / 255), one right after the other on the same
# machine. scikit-learn estimates its parameters from the covariance with denominator n - 1, so
# elbo4j runs with --denominator n-1 for the like-for-like number (target: 1e-6 relative) and once
# more with the default n for the maximum-likelihood value, which lies slightly above it.
# Times: elbo4j's are its own "seconds" (reading the file, covariance, eigen-decomposition,
# log-likelihood; not the JVM start) and the wall time of the whole process; scikit-learn's are
# fit + score on the array in memory, plus reading the file, and the whole process.
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

cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
echo "CPU: ${cpu:-unknown}, $(nproc) cores; data: $data; q = $q" >&2
echo "load before: $(uptime)" >&2
s0=$(date +%s.%N)
"$py" bench/sklearn_ppca.py "$data" "$q" > "$out/sklearn.json"
s1=$(date +%s.%N)
./elbo4j ppca --data "$data" --q "$q" --denominator n-1 --out "$out/unbiased" > "$out/unbiased.txt"
s2=$(date +%s.%N)
./elbo4j ppca --data "$data" --q "$q" --out "$out/ml" > /dev/null
echo "load after: $(uptime)" >&2
"$py" - "$out" "$s0" "$s1" "$s2" <<'PY'
import json, sys
out, s0, s1, s2 = sys.argv[1], *map(float, sys.argv[2:])
sk = json.load(open(f"{out}/sklearn.json"))
un = json.load(open(f"{out}/unbiased/ppca.json"))
ml = json.load(open(f"{out}/ml/ppca.json"))
rel = abs(un["log_likelihood"] - sk["log_likelihood"]) / abs(sk["log_likelihood"])
print(f"scikit-learn {sk['sklearn']}: PCA({sk['q']}).score(X)*n = {sk['log_likelihood']:.10f}"
      f"  (fit {sk['fit_seconds']:.2f} s + score {sk['score_seconds']:.2f} s; reading {sk['read_seconds']:.2f} s;"
      f" process {s1 - s0:.2f} s)")
print(f"elbo4j --denominator n-1:     L = {un['log_likelihood']:.10f}  ({un['seconds']:.2f} s incl. reading;"
      f" process {s2 - s1:.2f} s)")
print(f"relative difference: {rel:.2e} (target 1e-6): {'OK' if rel <= 1e-6 else 'FAILED'}")
print(f"sigma^2: scikit-learn {sk['noise_variance']:.10g}, elbo4j {un['noise_variance']:.10g}")
print(f"elbo4j maximum likelihood (denominator n): L = {ml['log_likelihood']:.10f},"
      f" {ml['log_likelihood'] - sk['log_likelihood']:.4g} above scikit-learn's")
print(f"time ratio elbo4j / scikit-learn: {un['seconds'] / (sk['seconds'] + sk['read_seconds']):.2f}"
      f" (both including reading the file), processes {(s2 - s1) / (s1 - s0):.2f}")
PY
