#!/usr/bin/env bash
# Gaussian-mixture EM, full covariance, K = 10, on Fashion-MNIST (60,000 training images) projected
# onto its first 20 principal components: scikit-learn's GaussianMixture against elbo4j mixture, run
# one after the other on the same input, from the SAME start, with the same stopping rule.
#
#   1. tools/mixture_fashion_pca.py writes the 20-PC projection as CSV (both tools read that file).
#   2. elbo4j mixture --k 10 --covariance full --restarts 1 --tol REL (k-means++ start; the start's
#      weights, means and covariances are saved in mixture.json under "start").
#   3. sklearn GaussianMixture(n_components=10, covariance_type='full', n_init=1, max_iter, reg_covar=1e-6,
#      init_params='k-means++', weights_init/means_init/precisions_init = elbo4j's start) with
#      tol = REL * |elbo4j's mean log-likelihood|: elbo4j stops at |change| <= REL * |log-likelihood|,
#      scikit-learn at |change of the mean| < tol, so both stop at the same change per point.
#   Prints the final mean log-likelihood per point of each, their difference, iterations, and the
#   time of the fit alone (elbo4j: "seconds" in mixture.json, k-means++ included, JIT warm-up
#   included; sklearn: GaussianMixture.fit, its own k-means++ included) and the ratio elbo4j/sklearn.
#
# Usage: bench/compare_mixture.sh [threads=2] [rel-tol=1e-7] [max-iter=1000]
# Environment: PYTHON (default /usr/bin/python3: Debian's numpy/scikit-learn 1.2 on OpenBLAS).
# Needs: dataset-fashion-mnist, python3-sklearn, ./elbo4j built (mvn -o -q package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
threads="${1:-2}"
tol="${2:-1e-7}"
max_iter="${3:-1000}"
py="${PYTHON:-/usr/bin/python3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "CPU: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1); threads $threads;" \
     "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "projecting Fashion-MNIST onto 20 principal components..." >&2
"$py" tools/mixture_fashion_pca.py "$out/fmnist20.csv" 20

echo "elbo4j mixture..." >&2
t0=$(date +%s.%N)
./elbo4j mixture --data "$out/fmnist20.csv" --k 10 --covariance full --restarts 1 --tol "$tol" \
    --max-iter "$max_iter" --threads "$threads" --seed 0 --out "$out/elbo4j" >&2
t1=$(date +%s.%N)
echo "elbo4j process wall time (JVM start, CSV read, fit, files): $(echo "$t1 - $t0" | bc) s" >&2

echo "scikit-learn GaussianMixture..." >&2
OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" "$py" - "$out/fmnist20.csv" "$out/elbo4j/mixture.json" \
    "$tol" "$max_iter" <<'PY'
import json
import sys
import time
import warnings

import numpy as np
from sklearn.mixture import GaussianMixture

x = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
e = json.load(open(sys.argv[2]))
rel_tol, max_iter = float(sys.argv[3]), int(sys.argv[4])
start = e["start"]
covs = np.array(start["covariances"])
sk_tol = rel_tol * abs(e["mean_log_likelihood"])
gm = GaussianMixture(n_components=10, covariance_type="full", tol=sk_tol, max_iter=max_iter, n_init=1,
                     reg_covar=1e-6, init_params="k-means++", random_state=0,
                     weights_init=np.array(start["weights"]), means_init=np.array(start["means"]),
                     precisions_init=np.linalg.inv(covs))
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    t = time.perf_counter()
    gm.fit(x)
    sk_seconds = time.perf_counter() - t
sk_ll = gm.score(x)
e_ll = e["mean_log_likelihood"]
print(f"data: {x.shape[0]} x {x.shape[1]}, K = 10, full covariance, same k-means++ start (elbo4j's)")
print(f"scikit-learn {__import__('sklearn').__version__}: mean log-likelihood {sk_ll:.6f} nats/point,"
      f" {gm.n_iter_} iterations, converged {gm.converged_}, tol {sk_tol:.3g} (absolute, per point),"
      f" fit {sk_seconds:.2f} s")
print(f"elbo4j:              mean log-likelihood {e_ll:.6f} nats/point, {e['iterations']} E-steps"
      f" ({e['iterations'] - 1} iterations), verdict {e['verdict']}, tol {rel_tol:g} (relative), fit {e['seconds']:.2f} s")
print(f"difference (elbo4j - sklearn): {e_ll - sk_ll:+.2e} nats/point (target: |.| <= 1e-3)")
print(f"time ratio elbo4j / sklearn: {e['seconds'] / sk_seconds:.3f} (target: <= 0.5);"
      f" per iteration {e['seconds'] / max(1, e['iterations'] - 1) * 1e3:.1f} ms vs {sk_seconds / max(1, gm.n_iter_) * 1e3:.1f} ms")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
