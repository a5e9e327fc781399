#!/usr/bin/env python3
"""Reference values for the continuous families of org.elbo4j.dist (engineer A's part).

Writes CSV files under reference/continuous/ next to this script:
  univariate_logprob.csv  family,p1,p2,p3,x,logpdf
  univariate_moments.csv  family,p1,p2,p3,mean,variance,entropy
  mvn.csv                 n,r,loc...,covFactor(n*r)...,covDiag(n)...,x(n)...,logpdf,entropy
    (r = 0 means a full covariance given as its lower Cholesky factor in covFactor, n*n values)

Parameters are rounded to float32 first (the Java tests pass float32 tensors), and the
reference values are computed in double (scipy 1.17) or with mpmath at 40 digits
(ContinuousBernoulli, which scipy lacks: log C, mean and variance by direct integration of
lambda^x (1-lambda)^(1-x) over [0, 1], so they do not rely on the closed forms under test).
Run: python3 gen_continuous.py   (deterministic; numpy seed 20240611)
"""
import csv
import math
import os

import mpmath as mp
import numpy as np
from scipy import stats

mp.mp.dps = 40
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "continuous")
f32 = lambda v: float(np.float32(v))


def write(name, header, rows, comment):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", newline="") as fh:
        fh.write("# " + comment + "\n")
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r[0]] + [repr(float(v)) if not isinstance(v, str) else v for v in r[1:]])


def scipy_dist(family, p):
    if family == "Normal":
        return stats.norm(loc=p[0], scale=p[1])
    if family == "LogNormal":
        return stats.lognorm(s=p[1], scale=math.exp(p[0]))
    if family == "Laplace":
        return stats.laplace(loc=p[0], scale=p[1])
    if family == "StudentT":
        return stats.t(df=p[0], loc=p[1], scale=p[2])
    if family == "Uniform":
        return stats.uniform(loc=p[0], scale=p[1] - p[0])
    if family == "Exponential":
        return stats.expon(scale=1.0 / p[0])
    if family == "Cauchy":
        return stats.cauchy(loc=p[0], scale=p[1])
    if family == "HalfNormal":
        return stats.halfnorm(scale=p[0])
    if family == "HalfCauchy":
        return stats.halfcauchy(scale=p[0])
    raise ValueError(family)


PARAMS = {
    "Normal": [(0, 1), (1.5, 0.3), (-2, 4), (0.1, 1e-3)],
    "LogNormal": [(0, 1), (0.5, 0.25), (-1, 1.5)],
    "Laplace": [(0, 1), (2, 0.5), (-1, 3)],
    "StudentT": [(1, 0, 1), (2.5, 1, 2), (5, -1, 0.5), (30, 0, 1), (0.7, 0, 1), (1.5, 2, 1)],
    "Uniform": [(0, 1), (-2, 3), (1.5, 1.75)],
    "Exponential": [(1,), (0.25,), (7,)],
    "Cauchy": [(0, 1), (1.5, 0.3), (-2, 4)],
    "HalfNormal": [(1,), (0.3,), (4,)],
    "HalfCauchy": [(1,), (0.3,), (4,)],
}
XS = {
    "Normal": [-3, -0.5, 0, 0.1, 1.2, 5],
    "LogNormal": [0.05, 0.5, 1, 2.5, 10],
    "Laplace": [-4, -0.3, 0.2, 2, 7],
    "StudentT": [-20, -1, 0, 0.4, 3, 100],
    "Uniform": [0.2, 0.5, 1.6, 2.9],
    "Exponential": [0, 0.1, 1, 4, 20],
    "Cauchy": [-30, -1, 0, 0.4, 3, 100],
    "HalfNormal": [0, 0.1, 1, 2.5, 10],
    "HalfCauchy": [0, 0.1, 1, 4, 50],
}

CB_LOGITS = [-30, -5, -1.5, -1.0001, -0.9999, -0.5, -0.05, -1e-3, 0, 1e-3, 0.05, 0.3, 0.99,
             1.01, 2, 10, 50]
CB_XS = [0, 0.01, 0.3, 0.5, 0.77, 1]


def cb_reference(logit):
    l = mp.mpf(logit)
    lam = 1 / (1 + mp.exp(-l))
    dens = lambda x: lam ** x * (1 - lam) ** (1 - x)
    z = mp.quad(dens, [0, 0.5, 1])
    m1 = mp.quad(lambda x: x * dens(x), [0, 0.5, 1]) / z
    m2 = mp.quad(lambda x: x * x * dens(x), [0, 0.5, 1]) / z
    ent = -mp.quad(lambda x: dens(x) / z * mp.log(dens(x) / z), [0, 0.5, 1])
    return lam, -mp.log(z), m1, m2 - m1 * m1, ent


def main():
    rng = np.random.default_rng(20240611)
    lp_rows, mom_rows = [], []
    for family, plist in PARAMS.items():
        for p in plist:
            p = tuple(f32(v) for v in p)
            d = scipy_dist(family, p)
            pad = list(p) + [0.0] * (3 - len(p))
            for x in XS[family]:
                x = f32(x)
                lp_rows.append([family] + pad + [x, d.logpdf(x)])
            mean, var = d.stats(moments="mv")
            if family == "StudentT" and p[0] <= 1:
                mean = float("nan")  # undefined (scipy reports inf; torch and elbo4j say NaN)
            mom_rows.append([family] + pad + [float(mean), float(var), float(d.entropy())])
    for logit in CB_LOGITS:
        logit = f32(logit)
        lam, log_c, mean, var, ent = cb_reference(logit)
        for x in CB_XS:
            x = f32(x)
            lp = log_c + x * mp.log(lam) + (1 - x) * mp.log(1 - lam)
            lp_rows.append(["ContinuousBernoulli", logit, 0.0, 0.0, x, float(lp)])
        mom_rows.append(["ContinuousBernoulli", logit, 0.0, 0.0, float(mean), float(var), float(ent)])
    write("univariate_logprob.csv", ["family", "p1", "p2", "p3", "x", "logpdf"], lp_rows,
          "log densities from scipy.stats (ContinuousBernoulli: mpmath, p1 = logits); gen_continuous.py")
    write("univariate_moments.csv", ["family", "p1", "p2", "p3", "mean", "variance", "entropy"], mom_rows,
          "moments and entropy from scipy.stats (ContinuousBernoulli: mpmath quadrature); gen_continuous.py")

    mvn_rows = []
    for n in (1, 2, 3, 5):
        a = rng.normal(size=(n, n))
        cov = a @ a.T + 0.5 * np.eye(n)
        tril = np.linalg.cholesky(cov).astype(np.float32).astype(np.float64)
        cov = tril @ tril.T
        loc = rng.normal(size=n).astype(np.float32).astype(np.float64)
        d = stats.multivariate_normal(mean=loc, cov=cov)
        for _ in range(3):
            x = (loc + rng.normal(size=n) * 1.5).astype(np.float32).astype(np.float64)
            mvn_rows.append(["full", n, 0] + list(loc) + list(tril.ravel()) + list(x) + [d.logpdf(x), d.entropy()])
    for n, r in ((3, 1), (4, 2), (6, 3)):
        w = rng.normal(size=(n, r)).astype(np.float32).astype(np.float64)
        dg = rng.uniform(0.3, 2.0, size=n).astype(np.float32).astype(np.float64)
        loc = rng.normal(size=n).astype(np.float32).astype(np.float64)
        cov = w @ w.T + np.diag(dg)
        d = stats.multivariate_normal(mean=loc, cov=cov)
        for _ in range(3):
            x = (loc + rng.normal(size=n) * 1.5).astype(np.float32).astype(np.float64)
            mvn_rows.append(["lowRank", n, r] + list(loc) + list(w.ravel()) + list(dg) + list(x)
                            + [d.logpdf(x), d.entropy()])
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "mvn.csv"), "w") as fh:
        fh.write("# kind,n,r,loc(n),scaleTril(n*n) or covFactor(n*r)+covDiag(n),x(n),logpdf,entropy;"
                 " scipy.stats.multivariate_normal; gen_continuous.py\n")
        for row in mvn_rows:
            fh.write(",".join([row[0], str(row[1]), str(row[2])] + [repr(float(v)) for v in row[3:]]) + "\n")


if __name__ == "__main__":
    main()
