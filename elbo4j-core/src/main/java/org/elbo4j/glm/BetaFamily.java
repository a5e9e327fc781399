package org.elbo4j.glm;

import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;
import org.elbo4j.dist.GammaSampler;

/**
 * beta(logit; phi): y ~ Beta(μφ, (1 − μ)φ), μ = 1/(1 + e^{−η}), θ = log φ, a = μφ, b = (1 − μ)φ,
 * v = dμ/dη = μ(1 − μ):
 * <pre>
 *   ℓ = lgamma(φ) − lgamma(a) − lgamma(b) + (a − 1) log y + (b − 1) log(1 − y)
 *   ∂ℓ/∂μ = φ (ψ(b) − ψ(a) + log y − log(1 − y)),   ∂²ℓ/∂μ² = −φ² (ψ'(a) + ψ'(b))
 *   ∂ℓ/∂η = v ∂ℓ/∂μ,   ∂²ℓ/∂η² = v² ∂²ℓ/∂μ² + v (1 − 2μ) ∂ℓ/∂μ
 *   ∂ℓ/∂φ = ψ(φ) − μψ(a) − (1 − μ)ψ(b) + μ log y + (1 − μ) log(1 − y)
 *   ∂²ℓ/∂φ² = ψ'(φ) − μ²ψ'(a) − (1 − μ)²ψ'(b)
 *   ∂²ℓ/∂η∂φ = v (ψ(b) − ψ(a) + log y − log(1 − y) − aψ'(a) + bψ'(b))
 * </pre>
 * then to θ by {@link Derivatives#toLogScale}.
 */
final class BetaFamily implements Family {

    @Override
    public String name() {
        return "beta";
    }

    @Override
    public String link() {
        return "logit";
    }

    @Override
    public List<String> auxNames() {
        return List.of("phi");
    }

    @Override
    public boolean discrete() {
        return false;
    }

    @Override
    public void check(double y, double trials) {
        if (!(y > 0 && y < 1)) {
            throw new IllegalArgumentException("beta: y must be in the open interval (0, 1), got " + y);
        }
    }

    @Override
    public void evaluate(double y, double trials, double eta, double[] logAux, Derivatives out) {
        double phi = Math.exp(logAux[0]);
        double mu = 1 / (1 + Math.exp(-eta));
        double a = mu * phi;
        double b = (1 - mu) * phi;
        double v = mu * (1 - mu);
        double logY = Math.log(y);
        double log1mY = Math.log1p(-y);
        double psiA = Digamma.value(a);
        double psiB = Digamma.value(b);
        double triA = Trigamma.value(a);
        double triB = Trigamma.value(b);
        double core = psiB - psiA + logY - log1mY;
        out.value = LogGamma.value(phi) - LogGamma.value(a) - LogGamma.value(b) + (a - 1) * logY + (b - 1) * log1mY;
        double dMu = phi * core;
        out.eta = v * dMu;
        out.etaEta = -v * v * phi * phi * (triA + triB) + v * (1 - 2 * mu) * dMu;
        out.aux[0] = Digamma.value(phi) - mu * psiA - (1 - mu) * psiB + mu * logY + (1 - mu) * log1mY;
        out.auxAux[0][0] = Trigamma.value(phi) - mu * mu * triA - (1 - mu) * (1 - mu) * triB;
        out.etaAux[0] = v * (core - a * triA + b * triB);
        out.toLogScale(0, phi);
    }

    @Override
    public double mean(double eta, double[] logAux, double trials) {
        return 1 / (1 + Math.exp(-eta));
    }

    @Override
    public double draw(double eta, double[] logAux, double trials, RandomGenerator rng) {
        double phi = Math.exp(logAux[0]);
        double mu = 1 / (1 + Math.exp(-eta));
        double la = GammaSampler.logStandardGamma(rng, mu * phi);
        double lb = GammaSampler.logStandardGamma(rng, (1 - mu) * phi);
        return 1 / (1 + Math.exp(lb - la));
    }
}
