# Data and exact log evidence for elbo4j-core CentredEvidenceTest.
# Model (elbo4j formula fit): y ~ 1 + (1 | g), gaussian, priors normal(0, 2) on Intercept,
# student_t(3, 0, 1) on sd (half), student_t(3, 0, 1) on sigma (half).
# Writes the data (J groups x n rows, Intercept 0.5, sd 0.7, sigma 1, numpy seed 12) to
# elbo4j-core/src/test/resources/org/elbo4j/regression/centring_evidence.csv and prints
# log p(y) = log ∫∫ p(sd) p(sigma) N(y; 0, sigma² I + sd² Z Zᵀ + 4·11ᵀ) dsd dsigma (Intercept and
# the group effects integrated out in closed form), by the trapezoid rule on a 400 x 400 grid in
# (log sd, log sigma) with the Jacobian sd·sigma; the grid's edge weight is printed too (should be ~0).
# Usage: /usr/bin/python3 tools/centring/evidence_reference.py
import numpy as np
from scipy import stats

rng = np.random.default_rng(12)
J, n = 8, 8
g = np.repeat(np.arange(J), n)
r = 0.7 * rng.standard_normal(J)
y = 0.5 + r[g] + rng.standard_normal(J * n)
with open("elbo4j-core/src/test/resources/org/elbo4j/regression/centring_evidence.csv", "w") as f:
    f.write("y,g\n")
    for yi, gi in zip(y, g):
        f.write("%.6f,G%d\n" % (yi, gi))
y = np.array(["%.6f" % v for v in y], dtype=float)  # the values as written
N = len(y)
Z = np.zeros((N, J)); Z[np.arange(N), g] = 1
ZZ = Z @ Z.T; one = np.ones((N, N))

def half_t(s):
    return stats.t.logpdf(s, 3, 0, 1) + np.log(2)

ls = np.linspace(np.log(0.02), np.log(8), 400)
lg = np.linspace(np.log(0.4), np.log(2.5), 400)
lp = np.empty((len(ls), len(lg)))
for a, u in enumerate(ls):
    for b, v in enumerate(lg):
        sd, sg = np.exp(u), np.exp(v)
        S = sg**2 * np.eye(N) + sd**2 * ZZ + 4 * one
        lp[a, b] = stats.multivariate_normal.logpdf(y, np.zeros(N), S) + half_t(sd) + half_t(sg) + u + v
m = lp.max()
w = np.exp(lp - m)
integral = np.trapz(np.trapz(w, lg, axis=1), ls)
print("log evidence %.6f" % (m + np.log(integral)))
print("edge weight %.2e" % ((w[0].sum() + w[-1].sum() + w[:, 0].sum() + w[:, -1].sum()) / w.sum()))
