#!/usr/bin/python3
"""Reference log-densities for TapeDensitiesTest (elbo4j-core, org.elbo4j.autodiff).

Run: /usr/bin/python3 tools/tape_density_references.py
Prints one Java line per case: family, parameters, x and scipy's logpdf/logpmf, 17 significant digits.
"""
import numpy as np
from scipy import stats

cases = [
    ("Normal", (0.3, 1.7), 1.1, stats.norm(0.3, 1.7).logpdf(1.1)),
    ("LogNormal", (0.2, 0.8), 1.9, stats.lognorm(s=0.8, scale=np.exp(0.2)).logpdf(1.9)),
    ("HalfNormal", (1.3,), 0.7, stats.halfnorm(scale=1.3).logpdf(0.7)),
    ("Cauchy", (-0.4, 2.1), 1.5, stats.cauchy(-0.4, 2.1).logpdf(1.5)),
    ("HalfCauchy", (0.9,), 2.2, stats.halfcauchy(scale=0.9).logpdf(2.2)),
    ("StudentT", (3.5, 0.1, 1.4), -0.8, stats.t(3.5, 0.1, 1.4).logpdf(-0.8)),
    ("Laplace", (0.5, 0.6), -0.2, stats.laplace(0.5, 0.6).logpdf(-0.2)),
    ("Exponential", (1.8,), 0.4, stats.expon(scale=1 / 1.8).logpdf(0.4)),
    ("Gamma", (2.5, 1.5), 1.2, stats.gamma(2.5, scale=1 / 1.5).logpdf(1.2)),
    ("Beta", (2.2, 3.1), 0.35, stats.beta(2.2, 3.1).logpdf(0.35)),
    ("Uniform", (-1.0, 2.5), 0.4, stats.uniform(-1.0, 3.5).logpdf(0.4)),
    ("Poisson", (3.7,), 5.0, stats.poisson(3.7).logpmf(5)),
    ("BernoulliLogits", (0.8,), 1.0, stats.bernoulli(1 / (1 + np.exp(-0.8))).logpmf(1)),
    ("BernoulliProbs", (0.3,), 0.0, stats.bernoulli(0.3).logpmf(0)),
]
for name, params, x, lp in cases:
    ps = ", ".join(repr(float(p)) for p in params)
    print('            {"%s", new double[] {%s}, %r, %r},' % (name, ps, float(x), float(lp)))
