#!/usr/bin/python3
"""The scikit-learn side of bench/compare_ppca.sh: PCA(n_components=q, svd_solver=SOLVER).fit(X)
.score(X) * n on an IDX images file (pixels / 255 in float64, as elbo4j reads them), timed from the
decompressed array (reading the file is timed separately). Prints one JSON line.

SOLVER is "full" (LAPACK's exact SVD: the reference value) or "auto" (scikit-learn's default, which
for 60000×784 and q = 20 is the randomized SVD of Halko et al., approximate: its eigenvalues, hence
σ² and the score, are off in the fifth digit or so).

Usage: /usr/bin/python3 bench/sklearn_ppca.py FILE-idx3-ubyte[.gz] Q full|auto
"""
import gzip
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.decomposition import PCA

path, q, solver = sys.argv[1], int(sys.argv[2]), sys.argv[3]
t0 = time.perf_counter()
raw = open(path, "rb").read()
if raw[:2] == b"\x1f\x8b":
    raw = gzip.decompress(raw)
n, rows, cols = (int.from_bytes(raw[4 * i:4 * i + 4], "big") for i in (1, 2, 3))
x = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, rows * cols).astype(np.float64) / 255.0
t1 = time.perf_counter()
pca = PCA(n_components=q, svd_solver=solver).fit(x)
t2 = time.perf_counter()
loglik = pca.score(x) * n
t3 = time.perf_counter()
print(json.dumps({"sklearn": sklearn.__version__, "solver": solver, "n": n, "d": rows * cols, "q": q, "log_likelihood": loglik,
                  "noise_variance": float(pca.noise_variance_), "read_seconds": t1 - t0, "fit_seconds": t2 - t1,
                  "score_seconds": t3 - t2, "seconds": t3 - t1}))
