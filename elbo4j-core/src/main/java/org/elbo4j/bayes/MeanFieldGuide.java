package org.elbo4j.bayes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Tensor;

/**
 * q(u) = N(μ, diag(σ²)), σ = exp(ω): draws {@code u = μ + σ ⊙ ε}, entropy
 * {@code Σ ω_i + d (1 + log 2π) / 2}.
 */
final class MeanFieldGuide implements GaussianGuide {

    private static final double HALF_LOG_TWO_PI_E = 0.5 * (1 + Math.log(2 * Math.PI));

    private final Tensor loc;
    private final Tensor logScale;

    private MeanFieldGuide(Tensor loc, Tensor logScale) {
        this.loc = loc;
        this.logScale = logScale;
    }

    static MeanFieldGuide of(double[] init, double initScale) {
        Tensor loc = Tensor.vector(init).requiresGrad(true);
        Tensor logScale = Tensor.full(Math.log(initScale), init.length).requiresGrad(true);
        return new MeanFieldGuide(loc, logScale);
    }

    @Override
    public Map<String, Tensor> params() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("loc", loc);
        p.put("logScale", logScale);
        return p;
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int m) {
        return loc.add(logScale.exp().mul(Tensor.randn(rng, m, loc.dim(0))));
    }

    @Override
    public Tensor expectedSquaredNorm() {
        return loc.square().sum().add(logScale.mul(Tensor.scalar(2.0)).exp().sum());
    }

    @Override
    public Tensor entropy() {
        return logScale.sum().add(Tensor.scalar(loc.dim(0) * HALF_LOG_TWO_PI_E));
    }

    @Override
    public UnconstrainedGaussian snapshot(List<String> names) {
        int d = loc.dim(0);
        double[] mean = new double[d];
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            mean[i] = loc.data()[i];
            cov[i][i] = Math.exp(2.0 * logScale.data()[i]);
        }
        return new UnconstrainedGaussian(names, mean, cov);
    }

    @Override
    public double smallestScale() {
        float lowest = Float.POSITIVE_INFINITY;
        for (float w : logScale.data()) {
            lowest = Math.min(lowest, w);
        }
        return Math.exp(lowest);
    }

    @Override
    public boolean blownUp() {
        return GaussianGuide.exceeds(loc, MAX_ABS_LOC) || GaussianGuide.exceeds(logScale, MAX_LOG_SCALE);
    }
}
