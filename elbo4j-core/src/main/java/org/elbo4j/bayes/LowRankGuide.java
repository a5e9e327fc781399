package org.elbo4j.bayes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.elbo4j.dist.LowRankMultivariateNormal;
import org.elbo4j.tensor.Tensor;

/**
 * q(u) = N(μ, W Wᵀ + diag(σ²)) with W of d × R and σ = exp(ω): draws
 * {@code u = μ + W ε₁ + σ ⊙ ε₂}; the entropy is {@link LowRankMultivariateNormal#entropy()}
 * (O(d R²) through the matrix determinant lemma). W starts at small random values
 * (sd 0.01): W = 0 is a stationary point of the ELBO's expected gradient in W.
 */
final class LowRankGuide implements GaussianGuide {

    private static final double INIT_FACTOR_SD = 0.01;

    private final Tensor loc;
    private final Tensor covFactor;
    private final Tensor logScale;

    private LowRankGuide(Tensor loc, Tensor covFactor, Tensor logScale) {
        this.loc = loc;
        this.covFactor = covFactor;
        this.logScale = logScale;
    }

    static LowRankGuide of(double[] init, int rank, RandomGenerator rng, double initScale) {
        int d = init.length;
        Tensor factor = Tensor.randn(rng, d, rank).mul(Tensor.scalar(INIT_FACTOR_SD)).detach();
        return new LowRankGuide(Tensor.vector(init).requiresGrad(true), factor.requiresGrad(true),
                Tensor.full(Math.log(initScale), d).requiresGrad(true));
    }

    private LowRankMultivariateNormal distribution() {
        return LowRankMultivariateNormal.of(loc, covFactor, logScale.mul(Tensor.scalar(2.0)).exp());
    }

    @Override
    public Map<String, Tensor> params() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("loc", loc);
        p.put("covFactor", covFactor);
        p.put("logScale", logScale);
        return p;
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int m) {
        int d = loc.dim(0);
        Tensor e1 = Tensor.randn(rng, m, covFactor.dim(1));
        Tensor e2 = Tensor.randn(rng, m, d);
        return loc.add(org.elbo4j.tensor.LinAlg.matmul(e1, covFactor, false, true)).add(logScale.exp().mul(e2));
    }

    @Override
    public Tensor expectedSquaredNorm() {
        return loc.square().sum().add(covFactor.square().sum()).add(logScale.mul(Tensor.scalar(2.0)).exp().sum());
    }

    @Override
    public Tensor entropy() {
        return distribution().entropy();
    }

    @Override
    public UnconstrainedGaussian snapshot(List<String> names) {
        int d = loc.dim(0);
        int r = covFactor.dim(1);
        float[] w = covFactor.data();
        double[] mean = new double[d];
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            mean[i] = loc.data()[i];
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < r; k++) {
                    s += (double) w[i * r + k] * w[j * r + k];
                }
                cov[i][j] = s;
            }
            cov[i][i] += Math.exp(2.0 * logScale.data()[i]);
        }
        return new UnconstrainedGaussian(names, mean, cov);
    }

    @Override
    public double smallestScale() {
        int d = loc.dim(0);
        int r = covFactor.dim(1);
        float[] w = covFactor.data();
        float[] omega = logScale.data();
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < d; i++) {
            double s = Math.exp(2.0 * omega[i]);
            for (int k = 0; k < r; k++) {
                s += (double) w[i * r + k] * w[i * r + k];
            }
            lowest = Math.min(lowest, Math.sqrt(s));
        }
        return lowest;
    }

    @Override
    public boolean blownUp() {
        return GaussianGuide.exceeds(loc, MAX_ABS_LOC) || GaussianGuide.exceeds(covFactor, Math.exp(MAX_LOG_SCALE))
                || GaussianGuide.exceeds(logScale, MAX_LOG_SCALE);
    }
}
