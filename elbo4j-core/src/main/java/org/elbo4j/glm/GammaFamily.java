package org.elbo4j.glm;

import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;
import org.elbo4j.dist.GammaSampler;

/**
 * gamma(log; shape α): y ~ Gamma(α, rate α/μ), μ = e^η, θ = log α:
 * <pre>
 *   ℓ = α (θ − η) − lgamma(α) + (α − 1) log y − α y e^{−η}
 *   ∂ℓ/∂η = α (y e^{−η} − 1),   ∂²ℓ/∂η² = −α y e^{−η}
 *   ∂ℓ/∂α = θ + 1 − η − ψ(α) + log y − y e^{−η},   ∂²ℓ/∂α² = 1/α − ψ'(α),   ∂²ℓ/∂η∂α = y e^{−η} − 1
 * </pre>
 * then to θ by {@link Derivatives#toLogScale}.
 */
final class GammaFamily implements Family {

    @Override
    public String name() {
        return "gamma";
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
        return false;
    }

    @Override
    public void check(double y, double trials) {
        if (!(y > 0 && y < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("gamma: y must be > 0, got " + y);
        }
    }

    @Override
    public void evaluate(double y, double trials, double eta, double[] logAux, Derivatives out) {
        double theta = logAux[0];
        double alpha = Math.exp(theta);
        double ye = y * Math.exp(-eta);
        double logY = Math.log(y);
        out.value = alpha * (theta - eta) - LogGamma.value(alpha) + (alpha - 1) * logY - alpha * ye;
        out.eta = alpha * (ye - 1);
        out.etaEta = -alpha * ye;
        out.aux[0] = theta + 1 - eta - Digamma.value(alpha) + logY - ye;
        out.auxAux[0][0] = 1 / alpha - Trigamma.value(alpha);
        out.etaAux[0] = ye - 1;
        out.toLogScale(0, alpha);
    }

    @Override
    public double mean(double eta, double[] logAux, double trials) {
        return Math.exp(eta);
    }

    @Override
    public double draw(double eta, double[] logAux, double trials, RandomGenerator rng) {
        double alpha = Math.exp(logAux[0]);
        return Math.exp(GammaSampler.logStandardGamma(rng, alpha) + eta - logAux[0]);
    }
}
