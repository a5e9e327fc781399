"""Project Fashion-MNIST (the 60,000 training images) onto its first principal components and
write them as a CSV with a header (pc1,...,pcQ), the common input of bench/compare_mixture.sh.

Usage: /usr/bin/python3 tools/mixture_fashion_pca.py OUT.csv [Q=20] [DIR=/usr/share/datasets/fashion-mnist]
Needs: dataset-fashion-mnist, python3-numpy (Debian). Pixels are scaled to [0, 1]; the PCA is the
exact SVD of the centred data (numpy.linalg.svd of the 784x784 covariance, deterministic).
"""
import gzip
import sys

import numpy as np


def read_idx_images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, n, rows, cols = (int.from_bytes(data[i:i + 4], "big") for i in range(0, 16, 4))
    if magic != 2051:
        raise SystemExit(f"{path}: not an IDX image file (magic {magic})")
    return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(n, rows * cols)


def main():
    out = sys.argv[1]
    q = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    root = sys.argv[3] if len(sys.argv) > 3 else "/usr/share/datasets/fashion-mnist"
    x = read_idx_images(f"{root}/train-images-idx3-ubyte.gz").astype(np.float64) / 255.0
    x -= x.mean(axis=0)
    cov = x.T @ x / x.shape[0]
    values, vectors = np.linalg.eigh(cov)
    order = np.argsort(values)[::-1][:q]
    w = vectors[:, order]
    # fix the sign of each component (largest |loading| positive) so the file is reproducible
    w *= np.sign(w[np.argmax(np.abs(w), axis=0), np.arange(q)])
    z = x @ w
    header = ",".join(f"pc{i + 1}" for i in range(q))
    np.savetxt(out, z, delimiter=",", header=header, comments="", fmt="%.17g")


if __name__ == "__main__":
    main()
