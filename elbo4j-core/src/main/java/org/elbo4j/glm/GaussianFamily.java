package org.elbo4j.glm;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * gaussian(identity): y ~ N(η, σ²), θ = log σ, r = y − η:
 * <pre>
 *   ℓ = −½ log 2π − θ − r²/(2σ²)
 *   ∂ℓ/∂η = r/σ²,  ∂²ℓ/∂η² = −1/σ²,  ∂ℓ/∂θ = r²/σ² − 1,  ∂²ℓ/∂θ² = −2r²/σ²,  ∂²ℓ/∂η∂θ = −2r/σ²
 * </pre>
 */
final class GaussianFamily implements Family {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public String link() {
        return "identity";
    }

    @Override
    public List<String> auxNames() {
        return List.of("sigma");
    }

    @Override
    public boolean discrete() {
        return false;
    }

    @Override
    public void check(double y, double trials) {
        if (!Double.isFinite(y)) {
            throw new IllegalArgumentException("gaussian: y must be finite, got " + y);
        }
    }

    @Override
    public void evaluate(double y, double trials, double eta, double[] logAux, Derivatives out) {
        double prec = Math.exp(-2 * logAux[0]);
        double r = y - eta;
        double r2p = r * r * prec;
        out.value = -HALF_LOG_TWO_PI - logAux[0] - 0.5 * r2p;
        out.eta = r * prec;
        out.etaEta = -prec;
        out.aux[0] = r2p - 1;
        out.auxAux[0][0] = -2 * r2p;
        out.etaAux[0] = -2 * r * prec;
    }

    @Override
    public double mean(double eta, double[] logAux, double trials) {
        return eta;
    }

    @Override
    public double draw(double eta, double[] logAux, double trials, RandomGenerator rng) {
        return eta + Math.exp(logAux[0]) * rng.nextGaussian();
    }
}
