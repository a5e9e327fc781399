#!/usr/bin/python3
"""Reference values for org.elbo4j.linalg.PcaTest and the org.elbo4j.ppca tests (scikit-learn
1.2.1 and numpy 1.24 from Debian's python3-sklearn). Run with the system python from the
repository root:

    /usr/bin/python3 elbo4j-core/src/test/resources/reference/ppca/gen_ppca.py

It writes scikit-learn's bundled iris and wine tables next to itself as iris.csv and wine.csv
(features only, shortest round-trip decimals) and prints the values pasted into the tests:
  - PCA of iris: variances with denominator n (explained_variance_ · (n−1)/n),
    explained_variance_ratio_, |components_|;
  - PPCA: PCA(n_components=q).score(X) · n (scikit-learn's parameters come from the n−1
    covariance) and the exact maximum-likelihood value (denominator n) from numpy's eigvalsh.
"""
import os
import numpy as np
from sklearn.datasets import load_iris, load_wine
from sklearn.decomposition import PCA

HERE = os.path.dirname(os.path.abspath(__file__))


def export(name, bunch):
    x = bunch.data.astype(float)
    with open(os.path.join(HERE, name + ".csv"), "w") as f:
        f.write(",".join("x%d" % (j + 1) for j in range(x.shape[1])) + "\n")
        for row in x:
            f.write(",".join(repr(float(v)) for v in row) + "\n")
    return x


def ml_loglik(x, q):
    n, d = x.shape
    lam = np.sort(np.linalg.eigvalsh(np.cov(x.T, bias=True)))[::-1]
    s2 = lam[q:].mean()
    return -n / 2 * (d * np.log(2 * np.pi) + np.log(lam[:q]).sum() + (d - q) * np.log(s2) + d)


iris = export("iris", load_iris())
wine = export("wine", load_wine())
n = iris.shape[0]
p = PCA().fit(iris)
print("iris variances (denominator n):", ", ".join(repr(v) for v in p.explained_variance_ * (n - 1) / n))
print("iris explained_variance_ratio_:", ", ".join(repr(v) for v in p.explained_variance_ratio_))
print("iris |components_| (rows):")
for c in p.components_:
    print("  {" + ", ".join(repr(abs(v)) for v in c) + "},")
for name, x in (("iris", iris), ("wine", wine)):
    n, d = x.shape
    for q in range(1, d):
        sk = PCA(n_components=q).fit(x).score(x) * n
        print("%s q=%d sklearn score*n = %r   ML = %r" % (name, q, sk, ml_loglik(x, q)))
