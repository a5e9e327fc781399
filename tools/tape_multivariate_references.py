#!/usr/bin/python3
"""Reference log-densities for TapeMultivariateTest and the tetragamma values for
TapeLinearAlgebraTest (elbo4j-core, org.elbo4j.autodiff).

Run: /usr/bin/python3 tools/tape_multivariate_references.py
Prints one Java constant per case, 17 significant digits. LKJ is not in scipy: its value is
computed from the density of C = L Lᵀ with the normaliser in the form of Lewandowski et al. (2009),
c_K = 2^{Σ_k (2η−2+K−k)(K−k)} Π_k B(b_k, b_k)^{K−k}, b_k = η + (K−k−1)/2, plus the Jacobian of
L → C, Π_{i≥1} L_ii^{K−i−1} — an independent route from the lgamma form the library uses.
"""
import numpy as np
from scipy import stats
from scipy.special import betaln

alpha = [1.3, 0.7, 2.4]
x = [0.2, 0.5, 0.3]
print("    static final double DIRICHLET = %r;" % float(stats.dirichlet(alpha).logpdf(x)))

loc = [0.3, -0.2, 0.5]
L = np.array([[1.2, 0, 0], [0.4, 0.9, 0], [-0.3, 0.25, 1.5]])
xm = [0.7, 0.1, -0.4]
print("    static final double MVN = %r;" % float(stats.multivariate_normal(loc, L @ L.T).logpdf(xm)))

def lkj_chol_logpdf(Lc, eta):
    K = Lc.shape[0]
    log_c = sum((2 * eta - 2 + K - k) * (K - k) for k in range(1, K)) * np.log(2.0)
    log_c += sum((K - k) * betaln(eta + (K - k - 1) / 2, eta + (K - k - 1) / 2) for k in range(1, K))
    d = np.diag(Lc)
    log_det_c = 2 * np.sum(np.log(d))
    log_jac = sum((K - i - 1) * np.log(d[i]) for i in range(1, K))
    return (eta - 1) * log_det_c + log_jac - log_c

# L from the partial correlations z10 = 0.3, z20 = -0.2, z21 = 0.5 (rows of unit norm)
z10, z20, z21 = 0.3, -0.2, 0.5
Lc = np.zeros((3, 3))
Lc[0, 0] = 1
Lc[1, 0] = z10
Lc[1, 1] = np.sqrt(1 - z10 ** 2)
Lc[2, 0] = z20
Lc[2, 1] = z21 * np.sqrt(1 - z20 ** 2)
Lc[2, 2] = np.sqrt(1 - Lc[2, 0] ** 2 - Lc[2, 1] ** 2)
print("    static final double[] LKJ_L = {%s};" % ", ".join(repr(float(v)) for v in Lc.ravel()))
print("    static final double LKJ = %r;" % float(lkj_chol_logpdf(Lc, 1.7)))

logits = np.array([0.4, -1.1, 0.9, 0.2])
logp = logits - np.log(np.sum(np.exp(logits)))
print("    static final double CATEGORICAL_2 = %r;" % float(stats.multinomial(1, np.exp(logp)).logpmf([0, 0, 1, 0])))

# Continuous Bernoulli (not in scipy): log C(λ) + x log λ + (1 − x) log(1 − λ), C = 2 atanh(1 − 2λ)/(1 − 2λ),
# in 50-digit arithmetic from λ = σ(ℓ), at ℓ = 0.3 (the series branch) and ℓ = 2.5 (the closed form).
import mpmath as mp
mp.mp.dps = 50
for name, l, x in (("CB_SMALL", 0.3, 0.35), ("CB_LARGE", 2.5, 0.8)):
    lam = 1 / (1 + mp.e ** (-mp.mpf(l)))
    c = 2 * mp.atanh(1 - 2 * lam) / (1 - 2 * lam)
    lp = mp.log(c) + x * mp.log(lam) + (1 - x) * mp.log(1 - lam)
    print("    static final double %s = %r;" % (name, float(lp)))

# LowRankMultivariateNormal(μ, W, d): Σ = W Wᵀ + diag(d), scipy's dense multivariate normal (an
# independent route from the Woodbury form the library uses), one x and a batch of two.
mu_lr = [0.2, -0.4, 0.1]
W = np.array([[0.8, -0.3], [0.5, 0.9], [-0.6, 0.4]])
d_lr = [0.7, 1.3, 0.5]
x_lr = [0.6, -1.1, 0.9]
cov = W @ W.T + np.diag(d_lr)
print("    static final double LOW_RANK = %r;" % float(stats.multivariate_normal(mu_lr, cov).logpdf(x_lr)))
W2 = np.array([[[0.8, -0.3], [0.5, 0.9], [-0.6, 0.4]], [[0.2, 0.7], [-1.1, 0.3], [0.4, -0.5]]])
d2 = [[0.7, 1.3, 0.5], [1.1, 0.4, 0.9]]
x2 = [[0.6, -1.1, 0.9], [-0.3, 0.5, 1.4]]
vals = [stats.multivariate_normal(mu_lr, W2[b] @ W2[b].T + np.diag(d2[b])).logpdf(x2[b]) for b in range(2)]
print("    static final double[] LOW_RANK_BATCH = {%s};" % ", ".join(repr(float(v)) for v in vals))

# Tetragamma ψ₂(x) = polygamma(2, x), 50 digits (digamma's second derivative on the tape).
print("    static final double[][] TETRAGAMMA = {%s};" % ", ".join(
    "{%r, %r}" % (x, float(mp.polygamma(2, mp.mpf(x)))) for x in (0.05, 0.3, 1.0, 2.5, 7.25, 19.5, 20.0, 150.0, -0.4, -2.7)))
