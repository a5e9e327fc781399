#!/usr/bin/env python3
"""Reference values for the distribution contract tests and the KL tests of elbo4j.

Writes, next to this script:
  contract_logprob.txt  lines "case;x;log_prob"  (x: space-separated event values)
  kl_reference.txt      lines "pair;kl;how"      (how: the independent method used)

Every parameter and point is a dyadic rational (exact in float32), so the Java side differs
from these float64 values only by its own float32 arithmetic. The case and pair names are the
keys of ContractCases.java and KlReferenceTest.java. Log-densities come from scipy.stats; each
KL is computed by a method independent of the closed form in the library: numerical
integration (scipy.integrate.quad) of p·(log p − log q) for scalar continuous families (over the
CDF level u, ∫₀¹ (log p − log q)(F_p⁻¹(u)) du, for the heavy-tailed Cauchy and half-Cauchy), direct
summation over the support for discrete ones, and the textbook matrix formula with numpy's
inverse and determinant (float64) for Gaussians; Dirichlet by its closed form in scipy.special
cross-checked here against a 10^6-draw Monte Carlo estimate.

Run: python3 gen_contract.py   (numpy 2.x, scipy 1.17 were used)
"""
import os
import numpy as np
from scipy import stats, integrate, special

HERE = os.path.dirname(os.path.abspath(__file__))


def cb_logpdf(lam, x):
    """Continuous Bernoulli (Loaiza-Ganem and Cunningham 2019): x log λ + (1-x) log(1-λ) + log C(λ)."""
    c = 2.0 * np.arctanh(1.0 - 2.0 * lam) / (1.0 - 2.0 * lam) if lam != 0.5 else 2.0
    return x * np.log(lam) + (1 - x) * np.log1p(-lam) + np.log(c)


W = np.array([[1.0], [0.5], [-0.25]])
D = np.array([1.0, 0.5, 2.0])
LOWRANK_COV = W @ W.T + np.diag(D)
MVN_COV = np.array([[2.0, 0.5], [0.5, 1.0]])

# case -> (function of x, list of points)
LOGPROB = {
    "normal": (lambda x: stats.norm(0.5, 2.0).logpdf(x), [-3.0, 0.5, 4.25]),
    "lognormal": (lambda x: stats.lognorm(s=0.75, scale=np.exp(0.25)).logpdf(x), [0.25, 1.0, 4.5]),
    "laplace": (lambda x: stats.laplace(-1.0, 0.5).logpdf(x), [-2.0, -1.0, 0.75]),
    "studentt": (lambda x: stats.t(10.5, 1.0, 2.0).logpdf(x), [-5.0, 1.0, 3.5]),
    "uniform": (lambda x: stats.uniform(-1.0, 4.0).logpdf(x), [-0.5, 2.875]),
    "exponential": (lambda x: stats.expon(scale=1 / 1.5).logpdf(x), [0.125, 2.0]),
    "gamma": (lambda x: stats.gamma(2.5, scale=1 / 1.5).logpdf(x), [0.25, 1.75, 6.0]),
    "gamma_small": (lambda x: stats.gamma(0.375, scale=1 / 2.0).logpdf(x), [0.015625, 0.5, 2.0]),
    "beta": (lambda x: stats.beta(2.0, 3.5).logpdf(x), [0.125, 0.5, 0.9375]),
    "continuous_bernoulli": (lambda x: cb_logpdf(0.25, x), [0.125, 0.5, 0.875]),
    "bernoulli": (lambda x: stats.bernoulli(0.25).logpmf(x), [0.0, 1.0]),
    "bernoulli_logits": (lambda x: stats.bernoulli(special.expit(-1.5)).logpmf(x), [0.0, 1.0]),
    "categorical": (lambda x: np.log([0.25, 0.5, 0.25][int(x)]), [0.0, 1.0, 2.0]),
    "poisson": (lambda x: stats.poisson(3.5).logpmf(x), [0.0, 2.0, 11.0]),
    "cauchy": (lambda x: stats.cauchy(0.5, 2.0).logpdf(x), [-3.0, 0.5, 40.25]),
    "half_normal": (lambda x: stats.halfnorm(scale=1.5).logpdf(x), [0.0, 0.5, 3.25]),
    "half_cauchy": (lambda x: stats.halfcauchy(scale=0.75).logpdf(x), [0.0, 0.25, 6.0]),
}
VECTOR_LOGPROB = {
    "one_hot_categorical": (lambda x: np.log(np.dot([0.25, 0.5, 0.25], x)),
                            [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]),
    "dirichlet": (lambda x: stats.dirichlet([1.5, 2.0, 0.75]).logpdf(x), [[0.25, 0.25, 0.5], [0.125, 0.75, 0.125]]),
    "multivariate_normal": (lambda x: stats.multivariate_normal([1.0, -1.0], MVN_COV).logpdf(x),
                            [[0.25, 0.5], [3.0, -2.0]]),
    "lowrank_multivariate_normal": (lambda x: stats.multivariate_normal([0.0, 1.0, 2.0], LOWRANK_COV).logpdf(x),
                                    [[0.25, -0.125, 1.5], [1.0, 1.0, 1.0]]),
    "independent_normal": (lambda x: stats.norm([0.0, 1.0], [1.0, 2.0]).logpdf(x).sum(),
                           [[0.5, 0.5], [-1.0, 3.0]]),
}


def quad_kl(p, q):
    lo, hi = p.ppf(1e-13), p.isf(1e-13)
    mid = p.median()
    f = lambda x: p.pdf(x) * (p.logpdf(x) - q.logpdf(x))
    a = integrate.quad(f, lo, mid, limit=500, epsabs=1e-13, epsrel=1e-12)[0]
    b = integrate.quad(f, mid, hi, limit=500, epsabs=1e-13, epsrel=1e-12)[0]
    return a + b


def sum_kl(pmf_p, pmf_q, support):
    total = 0.0
    for k in support:
        a, b = pmf_p(k), pmf_q(k)
        if a > 0:
            total += np.inf if b == 0 else a * (np.log(a) - np.log(b))
    return total


def sum_kl_log(logpmf_p, logpmf_q, support):
    """Σ_k p_k (log p_k − log q_k) from log-masses (no underflow of q's far tail)."""
    return sum(np.exp(logpmf_p(k)) * (logpmf_p(k) - logpmf_q(k)) for k in support)


def gauss_kl(mp, sp, mq, sq):
    n = len(mp)
    iq = np.linalg.inv(sq)
    d = np.asarray(mq) - np.asarray(mp)
    return 0.5 * (np.trace(iq @ sp) + d @ iq @ d - n + np.log(np.linalg.det(sq) / np.linalg.det(sp)))


def dirichlet_kl(a, b):
    a, b = np.asarray(a), np.asarray(b)
    a0, b0 = a.sum(), b.sum()
    return (special.gammaln(a0) - special.gammaln(b0) - (special.gammaln(a) - special.gammaln(b)).sum()
            + ((a - b) * (special.digamma(a) - special.digamma(a0))).sum())


def dirichlet_mc(a, b, n=10 ** 6):
    x = np.random.default_rng(1).dirichlet(a, size=n)
    d = stats.dirichlet(a).logpdf(x.T) - stats.dirichlet(b).logpdf(x.T)
    return d.mean(), d.std() / np.sqrt(n)


def cauchy_kl(mp, gp, mq, gq):
    """Closed form (Chyzak and Nielsen 2019): log((γp + γq)² + (μp − μq)²) − log(4 γp γq)."""
    return np.log((gp + gq) ** 2 + (mp - mq) ** 2) - np.log(4 * gp * gq)


def quantile_kl(p, q, closed):
    """KL for heavy tails: ∫₀¹ (log p − log q)(F_p⁻¹(u)) du by quad over the CDF level u (the
    log-ratio of two Cauchy densities is bounded, so the integrand is smooth on (0, 1)); asserted
    to agree with the closed form the library uses (to 1e-9)."""
    f = lambda u: p.logpdf(p.ppf(u)) - q.logpdf(p.ppf(u))
    value = (integrate.quad(f, 0.0, 0.5, limit=500, epsabs=1e-13, epsrel=1e-12)[0]
             + integrate.quad(f, 0.5, 1.0, limit=500, epsabs=1e-13, epsrel=1e-12)[0])
    assert abs(value - closed) < 1e-9, (value, closed)
    return value


def kl_pairs():
    out = []
    out.append(("normal", quad_kl(stats.norm(0.5, 1.5), stats.norm(-1.0, 2.5)), "quad"))
    out.append(("laplace", quad_kl(stats.laplace(0.5, 1.5), stats.laplace(-1.0, 0.75)), "quad"))
    out.append(("exponential", quad_kl(stats.expon(scale=1 / 1.5), stats.expon(scale=1 / 0.25)), "quad"))
    out.append(("uniform_inside", quad_kl(stats.uniform(0.0, 1.0), stats.uniform(-1.0, 3.0)), "quad"))
    out.append(("uniform_outside", np.inf, "support of p not inside support of q"))
    out.append(("gamma", quad_kl(stats.gamma(2.5, scale=1 / 1.5), stats.gamma(0.75, scale=1 / 0.5)), "quad"))
    out.append(("gamma_large", quad_kl(stats.gamma(1000.0, scale=1 / 10.0), stats.gamma(1024.0, scale=1 / 10.5)),
                "quad"))
    out.append(("beta", quad_kl(stats.beta(2.0, 3.5), stats.beta(0.5, 0.75)), "quad"))
    out.append(("beta_large", quad_kl(stats.beta(500.0, 300.0), stats.beta(512.0, 256.0)), "quad"))
    out.append(("poisson", sum_kl_log(stats.poisson(3.5).logpmf, stats.poisson(1.25).logpmf, range(200)), "sum"))
    out.append(("poisson_wide", sum_kl_log(stats.poisson(0.5).logpmf, stats.poisson(4.0).logpmf, range(200)), "sum"))
    out.append(("bernoulli", sum_kl(stats.bernoulli(0.25).pmf, stats.bernoulli(0.75).pmf, [0, 1]), "sum"))
    out.append(("bernoulli_zero", sum_kl(stats.bernoulli(0.0).pmf, stats.bernoulli(0.5).pmf, [0, 1]), "sum"))
    out.append(("bernoulli_impossible", sum_kl(stats.bernoulli(0.5).pmf, stats.bernoulli(0.0).pmf, [0, 1]), "sum"))
    cp, cq = [0.25, 0.5, 0.25], [0.5, 0.375, 0.125]
    out.append(("categorical", sum_kl(lambda k: cp[k], lambda k: cq[k], range(3)), "sum"))
    out.append(("categorical_zero", sum_kl(lambda k: [0.5, 0.5, 0.0][k], lambda k: cq[k], range(3)), "sum"))
    out.append(("categorical_impossible", sum_kl(lambda k: cp[k], lambda k: [0.5, 0.5, 0.0][k], range(3)), "sum"))
    out.append(("one_hot_categorical", sum_kl(lambda k: cp[k], lambda k: cq[k], range(3)), "sum"))
    a, b = [1.5, 2.0, 0.75], [0.5, 0.5, 3.0]
    closed = dirichlet_kl(a, b)
    mc, se = dirichlet_mc(a, b)
    assert abs(closed - mc) < 5 * se, (closed, mc, se)
    out.append(("dirichlet", closed, "closed form, Monte Carlo agrees within %.1f se" % (abs(closed - mc) / se)))
    mvn_q = np.array([[1.0, -0.25], [-0.25, 1.5]])
    out.append(("multivariate_normal", gauss_kl([1.0, -1.0], MVN_COV, [0.0, 0.5], mvn_q), "matrix formula"))
    q3 = np.array([[2.0, 0.5, 0.0], [0.5, 1.0, 0.25], [0.0, 0.25, 1.5]])
    out.append(("lowrank_multivariate_normal", gauss_kl([0.0, 1.0, 2.0], LOWRANK_COV, [0.5, 0.5, 0.5], q3),
                "matrix formula"))
    ind = quad_kl(stats.norm(0.0, 1.0), stats.norm(0.5, 2.0)) + quad_kl(stats.norm(1.0, 2.0), stats.norm(0.0, 1.0))
    out.append(("independent_normal", ind, "quad, summed"))
    out.append(("cauchy", quantile_kl(stats.cauchy(0.5, 1.5), stats.cauchy(-1.0, 2.5),
                                      cauchy_kl(0.5, 1.5, -1.0, 2.5)), "quad over the CDF level"))
    out.append(("half_normal", quad_kl(stats.halfnorm(scale=1.5), stats.halfnorm(scale=0.75)), "quad"))
    out.append(("half_cauchy", quantile_kl(stats.halfcauchy(scale=0.5), stats.halfcauchy(scale=2.0),
                                           cauchy_kl(0.0, 0.5, 0.0, 2.0)), "quad over the CDF level"))
    return out


def fmt(v):
    return repr(float(v))


def main():
    with open(os.path.join(HERE, "contract_logprob.txt"), "w") as f:
        f.write("# generated by gen_contract.py: case;x;log_prob\n")
        for case, (fn, xs) in LOGPROB.items():
            for x in xs:
                f.write("%s;%s;%s\n" % (case, fmt(x), fmt(fn(x))))
        for case, (fn, xs) in VECTOR_LOGPROB.items():
            for x in xs:
                f.write("%s;%s;%s\n" % (case, " ".join(fmt(v) for v in x), fmt(fn(np.asarray(x)))))
    with open(os.path.join(HERE, "kl_reference.txt"), "w") as f:
        f.write("# generated by gen_contract.py: pair;kl;how\n")
        for pair, value, how in kl_pairs():
            f.write("%s;%s;%s\n" % (pair, fmt(value), how))


if __name__ == "__main__":
    main()
