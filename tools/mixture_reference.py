"""Reference numbers for the Gaussian-mixture tests (org.elbo4j.mixture.*ReferenceTest).

Usage: /usr/bin/python3 tools/mixture_reference.py
Needs: python3-numpy, python3-scipy, python3-sklearn (Debian; sklearn 1.2.1, scipy 1.10.1 used).

1. Writes Fisher's iris measurements (sklearn.datasets.load_iris, 150 x 4) with a header to
   examples/iris.csv and elbo4j-core/src/test/resources/org/elbo4j/mixture/iris.csv.
2. Prints log p(x) of a fixed 3-component full-covariance mixture at fixed points, by
   scipy.stats.multivariate_normal (log-sum-exp of log pi_k + logpdf).
3. Prints sklearn GaussianMixture's log-likelihood of iris after exactly 20 EM iterations from a
   fixed start (weights 1/3, means = iris rows 0, 50, 100, identity covariances), tol = 0,
   reg_covar = 1e-6, for each covariance type: score(X) * N, and the final weights and means.
"""
import warnings

import numpy as np
from scipy.special import logsumexp
from scipy.stats import multivariate_normal
from sklearn.datasets import load_iris
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

np.set_printoptions(precision=17)


def write_iris():
    iris = load_iris()
    header = "sepal_length,sepal_width,petal_length,petal_width"
    for path in ("examples/iris.csv", "elbo4j-core/src/test/resources/org/elbo4j/mixture/iris.csv"):
        np.savetxt(path, iris.data, delimiter=",", header=header, comments="", fmt="%.1f")
    return iris.data


def fixed_parameter_loglik():
    weights = np.array([0.2, 0.5, 0.3])
    means = np.array([[0.0, 0.0, 0.0], [2.0, -1.0, 0.5], [-1.5, 1.0, 3.0]])
    covs = np.array([
        [[1.0, 0.3, 0.0], [0.3, 2.0, -0.4], [0.0, -0.4, 0.5]],
        [[0.5, 0.0, 0.1], [0.0, 0.5, 0.0], [0.1, 0.0, 1.5]],
        [[2.0, -0.8, 0.3], [-0.8, 1.0, 0.2], [0.3, 0.2, 0.8]],
    ])
    x = np.array([[0.1, -0.2, 0.3], [2.5, -1.0, 0.0], [-1.0, 1.5, 2.5], [5.0, 5.0, -5.0],
                  [0.0, 0.0, 0.0], [1.0, 1.0, 1.0]])
    lp = np.stack([np.log(w) + multivariate_normal(m, c).logpdf(x) for w, m, c in zip(weights, means, covs)], axis=1)
    per_point = logsumexp(lp, axis=1)
    print("fixed-parameter log p(x) per point:", repr(per_point))
    print("fixed-parameter total:", repr(per_point.sum()))


def sklearn_fixed_start(x):
    n, d = x.shape
    means = x[[0, 50, 100]]
    weights = np.full(3, 1 / 3)
    prec = {"full": np.stack([np.eye(d)] * 3), "tied": np.eye(d), "diag": np.ones((3, d)), "spherical": np.ones(3)}
    for cov_type in ("full", "diag", "spherical", "tied"):
        gm = GaussianMixture(3, covariance_type=cov_type, tol=0.0, max_iter=20, reg_covar=1e-6,
                             weights_init=weights, means_init=means, precisions_init=prec[cov_type], random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            gm.fit(x)
        print(cov_type, "loglik:", repr(gm.score(x) * n), "bic:", repr(gm.bic(x)), "aic:", repr(gm.aic(x)))
        print(cov_type, "weights:", repr(gm.weights_))
        print(cov_type, "means:", repr(gm.means_.ravel()))


if __name__ == "__main__":
    data = write_iris()
    fixed_parameter_loglik()
    sklearn_fixed_start(data)
