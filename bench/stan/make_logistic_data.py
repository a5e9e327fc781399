#!/usr/bin/env python3
"""Synthetic logistic-regression data for bench/compare_stan.sh (Stan and elbo4j read the same file).

x_nd ~ N(0, 1) independently, true alpha = -0.5, true beta_d ~ N(0, 0.5^2) (drawn once from the
seed), y_n ~ Bernoulli(sigmoid(alpha + x_n . beta)). Writes a CSV with header x1..xD,y and
prints the true coefficients to stderr.

Usage: make_logistic_data.py [OUT.csv] [--n 10000] [--d 20] [--seed 20240607]
"""
import argparse
import sys

import numpy as np


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", nargs="?", default="bench/stan/logistic_data.csv")
    p.add_argument("--n", type=int, default=10_000)
    p.add_argument("--d", type=int, default=20)
    p.add_argument("--seed", type=int, default=20240607)
    a = p.parse_args()
    rng = np.random.default_rng(a.seed)
    alpha = -0.5
    beta = rng.normal(0.0, 0.5, size=a.d)
    x = rng.normal(0.0, 1.0, size=(a.n, a.d))
    logits = alpha + x @ beta
    y = (rng.random(a.n) < 1.0 / (1.0 + np.exp(-logits))).astype(int)
    with open(a.out, "w") as f:
        f.write(",".join(["x%d" % (d + 1) for d in range(a.d)] + ["y"]) + "\n")
        for row, label in zip(x, y):
            f.write(",".join("%.6f" % v for v in row) + ",%d\n" % label)
    print("wrote %s: N=%d D=%d seed=%d, mean(y)=%.3f" % (a.out, a.n, a.d, a.seed, y.mean()), file=sys.stderr)
    print("true alpha=%.4f beta=%s" % (alpha, np.array2string(beta, precision=4)), file=sys.stderr)


if __name__ == "__main__":
    main()
