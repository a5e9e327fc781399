#!/usr/bin/python3
"""Reference log-likelihoods for org.elbo4j.glm.FamilyTest, from scipy.stats.

Run: /usr/bin/python3 tools/glm_reference.py   (scipy 1.10) and paste the output into FamilyTest.CASES.
Each line: family link y trials eta log_aux1 log_aux2 loglik (aux on the log scale, as elbo4j takes them).
"""
import numpy as np
from scipy import stats
from scipy.special import expit

cases = [
    ("gaussian", "identity", 1.3, 1, 0.4, np.log(0.7), 0.0),
    ("gaussian", "identity", -2.0, 1, 1.5, np.log(3.0), 0.0),
    ("student", "identity", 1.3, 1, 0.4, np.log(0.7), np.log(4.0)),
    ("student", "identity", -5.0, 1, 1.0, np.log(2.0), np.log(1.5)),
    ("bernoulli", "logit", 1, 1, 0.8, 0, 0),
    ("bernoulli", "logit", 0, 1, 0.8, 0, 0),
    ("bernoulli", "logit", 1, 1, -40.0, 0, 0),
    ("bernoulli", "probit", 1, 1, 0.8, 0, 0),
    ("bernoulli", "probit", 0, 1, 0.8, 0, 0),
    ("bernoulli", "probit", 1, 1, -12.0, 0, 0),
    ("binomial", "logit", 3, 10, -0.3, 0, 0),
    ("binomial", "probit", 7, 12, 0.5, 0, 0),
    ("poisson", "log", 0, 1, 0.3, 0, 0),
    ("poisson", "log", 17, 1, 2.5, 0, 0),
    ("negbinomial", "log", 4, 1, 1.2, np.log(2.5), 0),
    ("negbinomial", "log", 0, 1, -0.5, np.log(0.3), 0),
    ("gamma", "log", 2.5, 1, 0.7, np.log(3.0), 0),
    ("gamma", "log", 0.01, 1, -1.0, np.log(0.5), 0),
    ("beta", "logit", 0.3, 1, -0.4, np.log(5.0), 0),
    ("beta", "logit", 0.97, 1, 2.0, np.log(0.8), 0),
]


def loglik(family, link, y, n, eta, a1, a2):
    if family == "gaussian":
        return stats.norm.logpdf(y, eta, np.exp(a1))
    if family == "student":
        return stats.t.logpdf(y, np.exp(a2), eta, np.exp(a1))
    p = expit(eta) if link == "logit" else stats.norm.cdf(eta)
    if family == "bernoulli":
        # log of p or 1 - p computed without cancellation
        if link == "logit":
            return -np.logaddexp(0, -eta) if y == 1 else -np.logaddexp(0, eta)
        return stats.norm.logcdf(eta) if y == 1 else stats.norm.logcdf(-eta)
    if family == "binomial":
        return stats.binom.logpmf(y, n, p)
    if family == "poisson":
        return stats.poisson.logpmf(y, np.exp(eta))
    if family == "negbinomial":
        phi, mu = np.exp(a1), np.exp(eta)
        return stats.nbinom.logpmf(y, phi, phi / (phi + mu))
    if family == "gamma":
        alpha, mu = np.exp(a1), np.exp(eta)
        return stats.gamma.logpdf(y, alpha, scale=mu / alpha)
    if family == "beta":
        phi, mu = np.exp(a1), expit(eta)
        return stats.beta.logpdf(y, mu * phi, (1 - mu) * phi)
    raise ValueError(family)


for c in cases:
    print(" ".join([c[0], c[1]] + [repr(float(v)) for v in c[2:]] + [repr(float(loglik(*c)))]))
