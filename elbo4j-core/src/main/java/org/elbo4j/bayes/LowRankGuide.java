package org.elbo4j.bayes;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * q(v) = N(μ, Σ), {@code Σ = W Wᵀ + D}, W of d × R, {@code D = diag(σ²)}, σ = exp(ω);
 * λ = [μ, W (row-major), ω]. Draws {@code v = μ + W ε₁ + σ ⊙ ε₂} (noise [ε₁, ε₂] of R + d).
 * With {@code K = Wᵀ D⁻¹ W} (R × R), by the matrix determinant lemma and Woodbury's identity:
 * <pre>
 *   H[q] = Σ ω_i + ½ log det(I + K) + d (1 + log 2π)/2,
 *   ∂H/∂W = Σ⁻¹ W = D⁻¹ W (I + K)⁻¹,   ∂H/∂ω_i = 1 − w_iᵀ (I + K)⁻¹ w_i / σ_i²,
 *   Σ⁻¹ x = D⁻¹ x − D⁻¹ W (I + K)⁻¹ Wᵀ D⁻¹ x,
 * </pre>
 * all in O(d R²). W starts at small random values (sd 0.01): W = 0 is a stationary point of the
 * ELBO's expected gradient in W. Pyro's {@code AutoLowRankMultivariateNormal}.
 */
public final class LowRankGuide implements GaussianGuide {

    private static final double INIT_FACTOR_SD = 0.01;

    private final int d;
    private final int r;
    private final double[] lambda;

    private LowRankGuide(double[] lambda, int d, int r) {
        this.lambda = lambda;
        this.d = d;
        this.r = r;
    }

    /**
     * The guide with location {@code init} (copied), σ = initScale and W drawn N(0, 0.01²) from {@code rng}.
     *
     * @throws IllegalArgumentException if init is empty or not finite, rank &lt; 1, or initScale is
     *     not finite and &gt; 0
     */
    public static LowRankGuide of(double[] init, int rank, RandomGenerator rng, double initScale) {
        GuideStart.check("LowRankGuide", init, initScale);
        if (rank < 1) {
            throw new IllegalArgumentException("LowRankGuide: rank must be >= 1, got " + rank);
        }
        int d = init.length;
        double[] lambda = new double[d + d * rank + d];
        System.arraycopy(init, 0, lambda, 0, d);
        for (int i = 0; i < d * rank; i++) {
            lambda[d + i] = INIT_FACTOR_SD * rng.nextGaussian();
        }
        Arrays.fill(lambda, d + d * rank, lambda.length, Math.log(initScale));
        return new LowRankGuide(lambda, d, rank);
    }

    private double w(int i, int k) {
        return lambda[d + i * r + k];
    }

    private double sigma(int i) {
        return Math.exp(lambda[d + d * r + i]);
    }

    /** The Cholesky factor of I + K. */
    private DenseCholesky capacitance() {
        double[][] c = new double[r][r];
        for (int i = 0; i < d; i++) {
            double inv = 1 / (sigma(i) * sigma(i));
            for (int a = 0; a < r; a++) {
                for (int b = 0; b <= a; b++) {
                    c[a][b] += w(i, a) * w(i, b) * inv;
                }
            }
        }
        for (int a = 0; a < r; a++) {
            c[a][a] += 1;
            for (int b = 0; b < a; b++) {
                c[b][a] = c[a][b];
            }
        }
        return DenseCholesky.of(c);
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public int noiseDim() {
        return r + d;
    }

    @Override
    public double[] params() {
        return lambda;
    }

    @Override
    public void draw(double[] eps, double[] v) {
        for (int i = 0; i < d; i++) {
            double s = lambda[i] + sigma(i) * eps[r + i];
            for (int k = 0; k < r; k++) {
                s += w(i, k) * eps[k];
            }
            v[i] = s;
        }
    }

    @Override
    public void pullBack(double[] eps, double[] g, double[] grad) {
        int omega = d + d * r;
        for (int i = 0; i < d; i++) {
            grad[i] += g[i];
            for (int k = 0; k < r; k++) {
                grad[d + i * r + k] += g[i] * eps[k];
            }
            grad[omega + i] += g[i] * sigma(i) * eps[r + i];
        }
    }

    @Override
    public double entropy() {
        double h = d * HALF_LOG_TWO_PI_E + 0.5 * capacitance().logDet();
        for (int i = 0; i < d; i++) {
            h += lambda[d + d * r + i];
        }
        return h;
    }

    @Override
    public void addEntropyGradient(double[] grad, double weight) {
        DenseCholesky cap = capacitance();
        int omega = d + d * r;
        double[] row = new double[r];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < r; k++) {
                row[k] = w(i, k);
            }
            double[] solved = cap.solve(row);
            double inv = 1 / (sigma(i) * sigma(i));
            double quad = 0;
            for (int k = 0; k < r; k++) {
                grad[d + i * r + k] += weight * solved[k] * inv;
                quad += row[k] * solved[k];
            }
            grad[omega + i] += weight * (1 - quad * inv);
        }
    }

    @Override
    public double expectedSquaredNorm() {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += lambda[i] * lambda[i] + sigma(i) * sigma(i);
            for (int k = 0; k < r; k++) {
                s += w(i, k) * w(i, k);
            }
        }
        return s;
    }

    @Override
    public void addExpectedSquaredNormGradient(double[] grad, double weight) {
        int omega = d + d * r;
        for (int i = 0; i < d; i++) {
            grad[i] += weight * 2 * lambda[i];
            for (int k = 0; k < r; k++) {
                grad[d + i * r + k] += weight * 2 * w(i, k);
            }
            grad[omega + i] += weight * 2 * sigma(i) * sigma(i);
        }
    }

    @Override
    public void precisionTimesDeviation(double[] eps, double[] out) {
        double[] dx = new double[d];
        double[] wtdx = new double[r];
        for (int i = 0; i < d; i++) {
            double x = sigma(i) * eps[r + i];
            for (int k = 0; k < r; k++) {
                x += w(i, k) * eps[k];
            }
            dx[i] = x / (sigma(i) * sigma(i));
            for (int k = 0; k < r; k++) {
                wtdx[k] += w(i, k) * dx[i];
            }
        }
        double[] solved = capacitance().solve(wtdx);
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int k = 0; k < r; k++) {
                s += w(i, k) * solved[k];
            }
            out[i] = dx[i] - s / (sigma(i) * sigma(i));
        }
    }

    /** {@code −½ δᵀ Σ⁻¹ δ − H + d/2} with {@code δ = W ε₁ + σ ⊙ ε₂}. */
    @Override
    public double logDensityOfDraw(double[] eps) {
        double[] p = new double[d];
        precisionTimesDeviation(eps, p);
        double quad = 0;
        for (int i = 0; i < d; i++) {
            double delta = sigma(i) * eps[r + i];
            for (int k = 0; k < r; k++) {
                delta += w(i, k) * eps[k];
            }
            quad += delta * p[i];
        }
        return -0.5 * quad - entropy() + 0.5 * d;
    }

    /**
     * With p = Σ⁻¹ δ and ∂ log q/∂Σ = ½ (p pᵀ − Σ⁻¹): μ gets p, W gets {@code p (pᵀ W) − Σ⁻¹ W},
     * ω_i gets {@code σ_i² (p_i² − (Σ⁻¹)_ii)}; the Σ⁻¹ parts are −∇_λ H.
     */
    @Override
    public void addScore(double[] eps, double weight, double[] grad, double[] work) {
        precisionTimesDeviation(eps, work);
        int omega = d + d * r;
        double[] ptw = new double[r];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < r; k++) {
                ptw[k] += work[i] * w(i, k);
            }
        }
        for (int i = 0; i < d; i++) {
            grad[i] += weight * work[i];
            for (int k = 0; k < r; k++) {
                grad[d + i * r + k] += weight * work[i] * ptw[k];
            }
            grad[omega + i] += weight * sigma(i) * sigma(i) * work[i] * work[i];
        }
        addEntropyGradient(grad, -weight);
    }

    @Override
    public UnconstrainedGaussian snapshot(List<String> names) {
        double[] mean = Arrays.copyOf(lambda, d);
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < r; k++) {
                    s += w(i, k) * w(j, k);
                }
                cov[i][j] = s;
            }
            cov[i][i] += sigma(i) * sigma(i);
        }
        return new UnconstrainedGaussian(names, mean, cov);
    }

    @Override
    public double smallestScale() {
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < d; i++) {
            double s = sigma(i) * sigma(i);
            for (int k = 0; k < r; k++) {
                s += w(i, k) * w(i, k);
            }
            lowest = Math.min(lowest, Math.sqrt(s));
        }
        return lowest;
    }

    @Override
    public boolean blownUp() {
        return GuideStart.exceeds(lambda, 0, d, MAX_ABS_LOC)
                || GuideStart.exceeds(lambda, d, d + d * r, Math.exp(MAX_LOG_SCALE))
                || GuideStart.exceeds(lambda, d + d * r, lambda.length, MAX_LOG_SCALE);
    }
}
