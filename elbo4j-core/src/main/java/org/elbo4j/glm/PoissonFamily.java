package org.elbo4j.glm;

import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.LogGamma;
import org.elbo4j.dist.PoissonSampler;

/**
 * poisson(log): y ~ Poisson(μ = e^η):
 * <pre>
 *   ℓ = y η − e^η − log y!,   ∂ℓ/∂η = y − μ,   ∂²ℓ/∂η² = −μ
 * </pre>
 */
final class PoissonFamily implements Family {

    @Override
    public String name() {
        return "poisson";
    }

    @Override
    public String link() {
        return "log";
    }

    @Override
    public List<String> auxNames() {
        return List.of();
    }

    @Override
    public boolean discrete() {
        return true;
    }

    @Override
    public void check(double y, double trials) {
        checkCount("poisson", y);
    }

    static void checkCount(String family, double y) {
        if (!(y >= 0 && y == Math.rint(y) && y < 1e15)) {
            throw new IllegalArgumentException(family + ": y must be a count (an integer >= 0), got " + y);
        }
    }

    @Override
    public void evaluate(double y, double trials, double eta, double[] logAux, Derivatives out) {
        double mu = Math.exp(eta);
        out.value = y * eta - mu - LogGamma.value(y + 1);
        out.eta = y - mu;
        out.etaEta = -mu;
    }

    @Override
    public double mean(double eta, double[] logAux, double trials) {
        return Math.exp(eta);
    }

    @Override
    public double draw(double eta, double[] logAux, double trials, RandomGenerator rng) {
        double mu = Math.exp(eta);
        return mu > 0 ? PoissonSampler.sample(rng, mu) : 0;
    }
}
