package org.elbo4j.glm;

import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;
import org.elbo4j.dist.GammaSampler;

/**
 * student(identity; sigma, nu): y = η + σ t_ν, a = log σ, b = log ν, r = y − η, D = νσ² + r²:
 * <pre>
 *   ℓ = lgamma((ν+1)/2) − lgamma(ν/2) − ½ log π + (ν/2) log ν + ν a − ((ν+1)/2) log D
 *   ∂ℓ/∂η = (ν+1) r/D,   ∂²ℓ/∂η² = (ν+1)(r² − νσ²)/D²
 *   ∂ℓ/∂a = ν − (ν+1) νσ²/D,   ∂²ℓ/∂a² = −2ν(ν+1)σ² r²/D²,   ∂²ℓ/∂η∂a = −2ν(ν+1) σ² r/D²
 *   ∂ℓ/∂ν = ½ψ((ν+1)/2) − ½ψ(ν/2) + ½ log ν + ½ + a − ½ log D − (ν+1)σ²/(2D)
 *   ∂²ℓ/∂ν² = ¼ψ'((ν+1)/2) − ¼ψ'(ν/2) + 1/(2ν) − σ²/D + (ν+1)σ⁴/(2D²)
 *   ∂²ℓ/∂ν∂a = 1 − νσ²/D − (ν+1)σ² r²/D²,   ∂²ℓ/∂η∂ν = r/D − (ν+1) r σ²/D²
 * </pre>
 * then ν to b by {@link Derivatives#toLogScale}.
 */
final class StudentFamily implements Family {

    private static final double HALF_LOG_PI = 0.5 * Math.log(Math.PI);

    @Override
    public String name() {
        return "student";
    }

    @Override
    public String link() {
        return "identity";
    }

    @Override
    public List<String> auxNames() {
        return List.of("sigma", "nu");
    }

    @Override
    public boolean discrete() {
        return false;
    }

    @Override
    public void check(double y, double trials) {
        if (!Double.isFinite(y)) {
            throw new IllegalArgumentException("student: y must be finite, got " + y);
        }
    }

    @Override
    public void evaluate(double y, double trials, double eta, double[] logAux, Derivatives out) {
        double a = logAux[0];
        double nu = Math.exp(logAux[1]);
        double s2 = Math.exp(2 * a);
        double r = y - eta;
        double d = nu * s2 + r * r;
        double d2 = d * d;
        out.value = LogGamma.value((nu + 1) / 2) - LogGamma.value(nu / 2) - HALF_LOG_PI + 0.5 * nu * logAux[1]
                + nu * a - 0.5 * (nu + 1) * Math.log(d);
        out.eta = (nu + 1) * r / d;
        out.etaEta = (nu + 1) * (r * r - nu * s2) / d2;
        out.aux[0] = nu - (nu + 1) * nu * s2 / d;
        out.auxAux[0][0] = -2 * nu * (nu + 1) * s2 * r * r / d2;
        out.etaAux[0] = -2 * nu * (nu + 1) * s2 * r / d2;
        out.aux[1] = 0.5 * Digamma.value((nu + 1) / 2) - 0.5 * Digamma.value(nu / 2) + 0.5 * logAux[1] + 0.5 + a
                - 0.5 * Math.log(d) - 0.5 * (nu + 1) * s2 / d;
        out.auxAux[1][1] = 0.25 * Trigamma.value((nu + 1) / 2) - 0.25 * Trigamma.value(nu / 2) + 0.5 / nu - s2 / d
                + 0.5 * (nu + 1) * s2 * s2 / d2;
        out.auxAux[1][0] = 1 - nu * s2 / d - (nu + 1) * s2 * r * r / d2;
        out.auxAux[0][1] = out.auxAux[1][0];
        out.etaAux[1] = r / d - (nu + 1) * r * s2 / d2;
        out.toLogScale(1, nu);
    }

    @Override
    public double mean(double eta, double[] logAux, double trials) {
        return eta;
    }

    @Override
    public double draw(double eta, double[] logAux, double trials, RandomGenerator rng) {
        double nu = Math.exp(logAux[1]);
        double chi2 = 2 * Math.exp(GammaSampler.logStandardGamma(rng, nu / 2));
        return eta + Math.exp(logAux[0]) * rng.nextGaussian() / Math.sqrt(chi2 / nu);
    }
}
