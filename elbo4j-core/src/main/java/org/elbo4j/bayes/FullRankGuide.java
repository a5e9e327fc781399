package org.elbo4j.bayes;

import java.util.Arrays;
import java.util.List;

/**
 * q(v) = N(μ, L Lᵀ), L lower triangular with {@code L_ij = ℓ_ij} below the diagonal and
 * {@code L_ii = exp(ℓ_ii)}; λ = [μ, ℓ] with ℓ packed row by row ({@code ℓ_ij} at
 * {@code d + i(i+1)/2 + j}, j ≤ i). Draws {@code v = μ + L ε}:
 * {@code ∂v_i/∂ℓ_ij = ε_j} (j &lt; i), {@code ∂v_i/∂ℓ_ii = L_ii ε_i}. Entropy
 * {@code Σ ℓ_ii + d (1 + log 2π)/2}; {@code E||v||² = ||μ||² + ||L||²_F};
 * {@code Σ⁻¹(v − μ) = L⁻ᵀ ε} (back substitution). Stan's {@code fullrank}, Pyro's
 * {@code AutoMultivariateNormal}.
 */
public final class FullRankGuide implements GaussianGuide {

    private final int d;
    private final double[] lambda;
    private final double[] scratch;

    private FullRankGuide(double[] lambda, int d) {
        this.lambda = lambda;
        this.d = d;
        this.scratch = new double[d * d];
    }

    /**
     * The guide with location {@code init} (copied) and L = initScale · I.
     *
     * @throws IllegalArgumentException if init is empty or not finite, or initScale is not finite and &gt; 0
     */
    public static FullRankGuide of(double[] init, double initScale) {
        GuideStart.check("FullRankGuide", init, initScale);
        int d = init.length;
        double[] lambda = new double[d + d * (d + 1) / 2];
        System.arraycopy(init, 0, lambda, 0, d);
        for (int i = 0; i < d; i++) {
            lambda[diagonal(d, i)] = Math.log(initScale);
        }
        return new FullRankGuide(lambda, d);
    }

    private static int diagonal(int d, int i) {
        return d + i * (i + 1) / 2 + i;
    }

    /** L, dense row-major, into the scratch array. */
    private double[] scaleTril() {
        Arrays.fill(scratch, 0);
        for (int i = 0; i < d; i++) {
            int row = d + i * (i + 1) / 2;
            for (int j = 0; j < i; j++) {
                scratch[i * d + j] = lambda[row + j];
            }
            scratch[i * d + i] = Math.exp(lambda[row + i]);
        }
        return scratch;
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
            int row = d + i * (i + 1) / 2;
            double s = lambda[i] + Math.exp(lambda[row + i]) * eps[i];
            for (int j = 0; j < i; j++) {
                s += lambda[row + j] * eps[j];
            }
            v[i] = s;
        }
    }

    @Override
    public void pullBack(double[] eps, double[] g, double[] grad) {
        for (int i = 0; i < d; i++) {
            grad[i] += g[i];
            int row = d + i * (i + 1) / 2;
            for (int j = 0; j < i; j++) {
                grad[row + j] += g[i] * eps[j];
            }
            grad[row + i] += g[i] * eps[i] * Math.exp(lambda[row + i]);
        }
    }

    @Override
    public double entropy() {
        double h = d * HALF_LOG_TWO_PI_E;
        for (int i = 0; i < d; i++) {
            h += lambda[diagonal(d, i)];
        }
        return h;
    }

    @Override
    public void addEntropyGradient(double[] grad, double weight) {
        for (int i = 0; i < d; i++) {
            grad[diagonal(d, i)] += weight;
        }
    }

    @Override
    public double expectedSquaredNorm() {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += lambda[i] * lambda[i];
            int row = d + i * (i + 1) / 2;
            for (int j = 0; j < i; j++) {
                s += lambda[row + j] * lambda[row + j];
            }
            s += Math.exp(2 * lambda[row + i]);
        }
        return s;
    }

    @Override
    public void addExpectedSquaredNormGradient(double[] grad, double weight) {
        for (int i = 0; i < d; i++) {
            grad[i] += weight * 2 * lambda[i];
            int row = d + i * (i + 1) / 2;
            for (int j = 0; j < i; j++) {
                grad[row + j] += weight * 2 * lambda[row + j];
            }
            grad[row + i] += weight * 2 * Math.exp(2 * lambda[row + i]);
        }
    }

    @Override
    public void precisionTimesDeviation(double[] eps, double[] out) {
        double[] l = scaleTril();
        for (int i = d - 1; i >= 0; i--) {
            double s = eps[i];
            for (int k = i + 1; k < d; k++) {
                s -= l[k * d + i] * out[k];
            }
            out[i] = s / l[i * d + i];
        }
    }

    @Override
    public UnconstrainedGaussian snapshot(List<String> names) {
        double[] l = scaleTril();
        double[] mean = Arrays.copyOf(lambda, d);
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k <= Math.min(i, j); k++) {
                    s += l[i * d + k] * l[j * d + k];
                }
                cov[i][j] = s;
            }
        }
        return new UnconstrainedGaussian(names, mean, cov);
    }

    @Override
    public double smallestScale() {
        double[] l = scaleTril();
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int k = 0; k <= i; k++) {
                s += l[i * d + k] * l[i * d + k];
            }
            lowest = Math.min(lowest, Math.sqrt(s));
        }
        return lowest;
    }

    @Override
    public boolean blownUp() {
        if (GuideStart.exceeds(lambda, 0, d, MAX_ABS_LOC)) {
            return true;
        }
        for (int i = 0; i < d; i++) {
            int row = d + i * (i + 1) / 2;
            if (GuideStart.exceeds(lambda, row, row + i, Math.exp(MAX_LOG_SCALE))
                    || GuideStart.exceeds(lambda, row + i, row + i + 1, MAX_LOG_SCALE)) {
                return true;
            }
        }
        return false;
    }
}
