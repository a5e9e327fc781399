package org.elbo4j.glm;

import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;
import org.elbo4j.dist.GammaSampler;
import org.elbo4j.dist.PoissonSampler;

/**
 * negbinomial(log; shape φ): y ~ NB(μ = e^η, φ), Var y = μ + μ²/φ, θ = log φ:
 * <pre>
 *   ℓ = lgamma(y + φ) − lgamma(φ) − log y! + φ (θ − log(φ + μ)) + y (η − log(φ + μ))
 *   ∂ℓ/∂η = y − (φ + y) μ/(φ + μ),         ∂²ℓ/∂η² = −(φ + y) μ φ/(φ + μ)²
 *   ∂ℓ/∂φ = ψ(y + φ) − ψ(φ) + θ + 1 − log(φ + μ) − (φ + y)/(φ + μ)
 *   ∂²ℓ/∂φ² = ψ'(y + φ) − ψ'(φ) + 1/φ − 1/(φ + μ) − (μ − y)/(φ + μ)²,  ∂²ℓ/∂η∂φ = μ (y − μ)/(φ + μ)²
 * </pre>
 * then to θ by {@link Derivatives#toLogScale}. Draws: y ~ Poisson(λ), λ ~ Gamma(φ, rate φ/μ).
 */
final class NegBinomialFamily implements Family {

    @Override
    public String name() {
        return "negbinomial";
    }

    @Override
    public String link() {
        return "log";
    }

    @Override
    public List<String> auxNames() {
        return List.of("shape");
    }

    @Override
    public boolean discrete() {
        return true;
    }

    @Override
    public void check(double y, double trials) {
        PoissonFamily.checkCount("negbinomial", y);
    }

    @Override
    public void evaluate(double y, double trials, double eta, double[] logAux, Derivatives out) {
        double theta = logAux[0];
        double phi = Math.exp(theta);
        double mu = Math.exp(eta);
        double s = phi + mu;
        double logS = Math.log(s);
        out.value = LogGamma.value(y + phi) - LogGamma.value(phi) - LogGamma.value(y + 1) + phi * (theta - logS)
                + y * (eta - logS);
        out.eta = y - (phi + y) * mu / s;
        out.etaEta = -(phi + y) * mu * phi / (s * s);
        out.aux[0] = Digamma.value(y + phi) - Digamma.value(phi) + theta + 1 - logS - (phi + y) / s;
        out.auxAux[0][0] = Trigamma.value(y + phi) - Trigamma.value(phi) + 1 / phi - 1 / s - (mu - y) / (s * s);
        out.etaAux[0] = mu * (y - mu) / (s * s);
        out.toLogScale(0, phi);
    }

    @Override
    public double mean(double eta, double[] logAux, double trials) {
        return Math.exp(eta);
    }

    @Override
    public double draw(double eta, double[] logAux, double trials, RandomGenerator rng) {
        double phi = Math.exp(logAux[0]);
        double rate = Math.exp(GammaSampler.logStandardGamma(rng, phi) + eta - logAux[0]);
        return rate > 0 ? PoissonSampler.sample(rng, rate) : 0;
    }
}
