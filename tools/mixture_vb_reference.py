"""Monte Carlo reference for the exact variational-Bayes mixture ELBO (VariationalElboTest).

Usage: /usr/bin/python3 tools/mixture_vb_reference.py
Needs: python3-numpy, python3-scipy (Debian; scipy 1.10.1 used).

For fixed data, responsibilities r, priors and factors q(pi) q(mu, Lambda), estimates
  ELBO = E_q[log p(X, Z, pi, mu, Lambda) - log q(Z, pi, mu, Lambda)]
by drawing pi (or the sticks v), Lambda_k ~ Wishart(nu_k, W_k) and mu_k ~ N(m_k, (beta_k Lambda_k)^-1)
from q with scipy, the expectation over Z taken exactly (a sum weighted by r). The densities of the
priors and of q are scipy's (dirichlet, beta, wishart, multivariate normal by its log-density
formula with per-draw precision). Prints the mean and its standard error.
"""
import numpy as np
from scipy.stats import beta as beta_dist
from scipy.stats import dirichlet, wishart

X = np.array([[0.3, -0.2], [1.1, 0.4], [-0.7, 0.9], [2.0, -1.0], [0.0, 0.5], [1.5, 1.5]])
R = np.array([[0.9, 0.1], [0.3, 0.7], [0.8, 0.2], [0.05, 0.95], [0.6, 0.4], [0.2, 0.8]])
ALPHA0, BETA0, M0, NU0 = 0.5, 1.5, np.array([0.2, -0.1]), 3.0
W0INV = np.array([[1.2, 0.3], [0.3, 0.8]])
W1 = np.array([2.5, 4.0])          # Dirichlet alpha_k, or the sticks' first Beta parameter
W2 = np.array([1.7, 0.9])          # the sticks' second Beta parameter (process only)
BETA = np.array([2.0, 3.5])
M = np.array([[0.1, 0.4], [1.0, -0.5]])
NU = np.array([4.0, 5.5])
WINV = np.array([[[0.9, -0.2], [-0.2, 1.4]], [[2.0, 0.5], [0.5, 1.0]]])
S = 400_000


def log_normal_precision(x, mu, lam):
    """log N(x | mu, lam^-1) for draws: x (d,) or (S, d), mu (S, d), lam (S, d, d)."""
    diff = x - mu
    quad = np.einsum("si,sij,sj->s", diff, lam, diff)
    return 0.5 * np.linalg.slogdet(lam)[1] - np.log(2 * np.pi) - 0.5 * quad


def elbo(process, rng):
    k, d = M.shape
    total = np.zeros(S)
    if process:
        v = np.stack([rng.beta(W1[c], W2[c], S) for c in range(k)], axis=1)
        rest = np.cumprod(np.hstack([np.ones((S, 1)), 1 - v[:, :-1]]), axis=1)
        log_pi = np.log(v) + np.log(rest)
        for c in range(k):
            total += beta_dist(1.0, ALPHA0).logpdf(v[:, c]) - beta_dist(W1[c], W2[c]).logpdf(v[:, c])
    else:
        pi = rng.dirichlet(W1, S)
        log_pi = np.log(pi)
        total += dirichlet(np.full(k, ALPHA0)).logpdf(pi.T) - dirichlet(W1).logpdf(pi.T)
    w0 = np.linalg.inv(W0INV)
    for c in range(k):
        wc = np.linalg.inv(WINV[c])
        lam = wishart(df=NU[c], scale=wc).rvs(S, random_state=rng)
        cov = np.linalg.inv(BETA[c] * lam)
        chol = np.linalg.cholesky(cov)
        mu = M[c] + np.einsum("sij,sj->si", chol, rng.standard_normal((S, d)))
        lam_t = np.transpose(lam, (1, 2, 0))
        total += wishart(df=NU0, scale=w0).logpdf(lam_t) - wishart(df=NU[c], scale=wc).logpdf(lam_t)
        total += log_normal_precision(M0, mu, BETA0 * lam) - log_normal_precision(M[c], mu, BETA[c] * lam)
        for n in range(X.shape[0]):
            total += R[n, c] * (log_pi[:, c] + log_normal_precision(X[n], mu, lam))
    total -= np.sum(R * np.log(R))
    return total.mean(), total.std() / np.sqrt(S)


if __name__ == "__main__":
    rng = np.random.default_rng(20261206)
    for name, process in (("dirichlet", False), ("process", True)):
        mean, se = elbo(process, rng)
        print(f"{name}: ELBO = {mean!r} +- {se!r} (Monte Carlo, {S} draws)")
