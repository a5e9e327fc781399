package org.elbo4j.bayes;

import java.util.Arrays;
import java.util.List;

/**
 * q(v) = N(μ, diag(σ²)), σ = exp(ω), λ = [μ, ω]: draws {@code v = μ + σ ⊙ ε},
 * {@code ∂v_i/∂μ_i = 1}, {@code ∂v_i/∂ω_i = σ_i ε_i}; entropy {@code Σ ω_i + d (1 + log 2π)/2}
 * with {@code ∂H/∂ω_i = 1}; {@code E||v||² = Σ (μ_i² + σ_i²)}; {@code Σ⁻¹(v − μ) = ε / σ}.
 * Stan's {@code meanfield}, Pyro's {@code AutoDiagonalNormal}.
 */
public final class MeanFieldGuide implements GaussianGuide {

    private final int d;
    private final double[] lambda;

    private MeanFieldGuide(double[] lambda, int d) {
        this.lambda = lambda;
        this.d = d;
    }

    /**
     * The guide with location {@code init} (copied) and every sd {@code initScale}.
     *
     * @throws IllegalArgumentException if init is empty or not finite, or initScale is not finite and &gt; 0
     */
    public static MeanFieldGuide of(double[] init, double initScale) {
        GuideStart.check("MeanFieldGuide", init, initScale);
        int d = init.length;
        double[] lambda = new double[2 * d];
        System.arraycopy(init, 0, lambda, 0, d);
        Arrays.fill(lambda, d, 2 * d, Math.log(initScale));
        return new MeanFieldGuide(lambda, d);
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public int noiseDim() {
        return d;
    }

    @Override
    public double[] params() {
        return lambda;
    }

    @Override
    public void draw(double[] eps, double[] v) {
        for (int i = 0; i < d; i++) {
            v[i] = lambda[i] + Math.exp(lambda[d + i]) * eps[i];
        }
    }

    @Override
    public void pullBack(double[] eps, double[] g, double[] grad) {
        for (int i = 0; i < d; i++) {
            grad[i] += g[i];
            grad[d + i] += g[i] * Math.exp(lambda[d + i]) * eps[i];
        }
    }

    @Override
    public double entropy() {
        double h = d * HALF_LOG_TWO_PI_E;
        for (int i = 0; i < d; i++) {
            h += lambda[d + i];
        }
        return h;
    }

    @Override
    public void addEntropyGradient(double[] grad, double weight) {
        for (int i = 0; i < d; i++) {
            grad[d + i] += weight;
        }
    }

    @Override
    public double expectedSquaredNorm() {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += lambda[i] * lambda[i] + Math.exp(2 * lambda[d + i]);
        }
        return s;
    }

    @Override
    public void addExpectedSquaredNormGradient(double[] grad, double weight) {
        for (int i = 0; i < d; i++) {
            grad[i] += weight * 2 * lambda[i];
            grad[d + i] += weight * 2 * Math.exp(2 * lambda[d + i]);
        }
    }

    @Override
    public void precisionTimesDeviation(double[] eps, double[] out) {
        for (int i = 0; i < d; i++) {
            out[i] = eps[i] / Math.exp(lambda[d + i]);
        }
    }

    @Override
    public UnconstrainedGaussian snapshot(List<String> names) {
        double[] mean = Arrays.copyOf(lambda, d);
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            cov[i][i] = Math.exp(2 * lambda[d + i]);
        }
        return new UnconstrainedGaussian(names, mean, cov);
    }

    @Override
    public double smallestScale() {
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < d; i++) {
            lowest = Math.min(lowest, lambda[d + i]);
        }
        return Math.exp(lowest);
    }

    @Override
    public boolean blownUp() {
        return GuideStart.exceeds(lambda, 0, d, MAX_ABS_LOC)
                || GuideStart.exceeds(lambda, d, 2 * d, MAX_LOG_SCALE);
    }
}
