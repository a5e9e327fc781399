package org.elbo4j.glm;

import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.LogGamma;
import org.elbo4j.bayes.models.FastExp;

/**
 * bernoulli and binomial with trials n, link logit (p = 1/(1 + e^{−η})) or probit (p = Φ(η)):
 * <pre>
 *   ℓ = log C(n, y) + y log p + (n − y) log(1 − p)
 *   logit:  ∂ℓ/∂η = y − n p,  ∂²ℓ/∂η² = −n p (1 − p)
 *   probit: ∂ℓ/∂η = y λ(η) − (n − y) λ(−η),
 *           ∂²ℓ/∂η² = −y λ(η)(η + λ(η)) − (n − y) λ(−η)(λ(−η) − η),   λ = φ/Φ ({@link Probit})
 * </pre>
 * with log p = −log1p(e^{−η}) and log(1 − p) = −log1p(e^{η}) for logit, log Φ(±η) for probit.
 * Bernoulli is n = 1 with y ∈ {0, 1}.
 */
final class BinomialFamily implements Family {

    private final boolean bernoulli;
    private final boolean probit;

    BinomialFamily(boolean bernoulli, boolean probit) {
        this.bernoulli = bernoulli;
        this.probit = probit;
    }

    @Override
    public String name() {
        return bernoulli ? "bernoulli" : "binomial";
    }

    @Override
    public String link() {
        return probit ? "probit" : "logit";
    }

    @Override
    public List<String> auxNames() {
        return List.of();
    }

    @Override
    public boolean needsTrials() {
        return !bernoulli;
    }

    @Override
    public boolean discrete() {
        return true;
    }

    @Override
    public void check(double y, double trials) {
        if (bernoulli && y != 0 && y != 1) {
            throw new IllegalArgumentException("bernoulli: y must be 0 or 1, got " + y);
        }
        if (!bernoulli && !(trials >= 1 && trials == Math.rint(trials))) {
            throw new IllegalArgumentException("binomial: trials must be an integer >= 1, got " + trials);
        }
        if (!bernoulli && !(y >= 0 && y <= trials && y == Math.rint(y))) {
            throw new IllegalArgumentException("binomial: y must be an integer in [0, trials = " + trials + "], got "
                    + y);
        }
    }

    @Override
    public void evaluate(double y, double trials, double eta, double[] logAux, Derivatives out) {
        double n = bernoulli ? 1 : trials;
        double constant = bernoulli ? 0
                : LogGamma.value(n + 1) - LogGamma.value(y + 1) - LogGamma.value(n - y + 1);
        if (probit) {
            double lp = Probit.mills(eta);
            double lq = Probit.mills(-eta);
            out.value = constant + (y > 0 ? y * Probit.logCdf(eta) : 0)
                    + (n - y > 0 ? (n - y) * Probit.logCdf(-eta) : 0);
            out.eta = y * lp - (n - y) * lq;
            out.etaEta = -y * lp * (eta + lp) - (n - y) * lq * (lq - eta);
        } else {
            // one exponential and one logarithm, as evaluateRows: t = e^{−|η|}, l = log(1 + t)
            double t = Math.exp(-Math.abs(eta));
            double u = 1 + t;
            double l = u == 1 ? t : Math.log(u) * (t / (u - 1));
            double logP = -(l + Math.max(-eta, 0));
            double logQ = -(l + Math.max(eta, 0));
            double p = eta >= 0 ? 1 / u : t / u;
            out.value = constant + (y > 0 ? y * logP : 0) + (n - y > 0 ? (n - y) * logQ : 0);
            out.eta = y - n * p;
            out.etaEta = -n * p * (1 - p);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>bernoulli with the logit link in one exponential and one logarithm per row: with
     * t = e^{−|η|} and l = log(1 + t), ℓ = −l − max((1 − 2y) η, 0) and p = 1/(1 + t) for η ≥ 0,
     * t/(1 + t) below. t for all rows at once by {@link FastExp#negAbs} (within 2 ulp of
     * {@link Math#exp}; e^{−708} for |η| &gt; 708, which moves ℓ and ∂ℓ/∂η by at most 3.3e-308),
     * log(1 + t) as log(u)·t/(u − 1) with u = 1 + t rounded (Goldberg 1991, "What every computer
     * scientist should know about floating-point arithmetic", theorem 4: within a few ulp, without
     * the slower {@link Math#log1p}). Other cases row by row.
     */
    @Override
    public double evaluateRows(double[] y, double[] trials, double[] eta, int count, double[] logAux, double[] deta,
            double[] auxGrad, double[] values) {
        if (probit || !bernoulli) {
            return Family.super.evaluateRows(y, trials, eta, count, logAux, deta, auxGrad, values);
        }
        // deta holds t = e^{−|η|} until each row's derivative replaces it
        FastExp.negAbs(eta, deta, new double[count], 0, count);
        double value = 0;
        for (int n = 0; n < count; n++) {
            double e = eta[n];
            double t = deta[n];
            double u = 1 + t;
            double inv = 1 / u;
            double l = u == 1 ? t : Math.log(u) * (t / (u - 1));
            double v = -(l + Math.max((1 - 2 * y[n]) * e, 0));
            value += v;
            deta[n] = y[n] - (e >= 0 ? inv : t * inv);
            if (values != null) {
                values[n] = v;
            }
        }
        return value;
    }

    private double probability(double eta) {
        return probit ? Probit.cdf(eta) : 1 / (1 + Math.exp(-eta));
    }

    @Override
    public double mean(double eta, double[] logAux, double trials) {
        return (bernoulli ? 1 : trials) * probability(eta);
    }

    @Override
    public double draw(double eta, double[] logAux, double trials, RandomGenerator rng) {
        double p = probability(eta);
        int n = bernoulli ? 1 : (int) trials;
        int k = 0;
        for (int i = 0; i < n; i++) {
            k += rng.nextDouble() < p ? 1 : 0;
        }
        return k;
    }
}
