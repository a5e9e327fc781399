package org.elbo4j.bayes;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.elbo4j.tensor.LinAlg;
import org.elbo4j.tensor.Tensor;

/**
 * A Gaussian guide learned in whitened coordinates: an inner guide q(v) over v ∈ ℝᵈ, mapped by
 * the fixed affine map {@code u = m₀ + L₀ v}, where N(m₀, L₀ L₀ᵀ) is a Laplace approximation of
 * the posterior ({@link LaplaceStart}). q(u) stays in the inner guide's family when L₀ is
 * diagonal (mean-field, low-rank) or lower triangular (full-rank):
 * <pre>
 *   mean = m₀ + L₀ μ_v,   covariance = L₀ Σ_v L₀ᵀ,   H[q(u)] = H[q(v)] + Σ_i log L₀_ii.
 * </pre>
 * The point: near the posterior v is about N(0, I), so one learning rate suits every model and
 * every coordinate, however different the posterior scales (Adam's steps are in absolute units).
 */
final class WhitenedGuide implements GaussianGuide {

    private final GaussianGuide inner;
    private final double[] shift;
    private final double[][] factor;
    private final boolean diagonal;
    private final Tensor shiftTensor;
    private final Tensor factorTensor;
    private final double logDet;

    private WhitenedGuide(GaussianGuide inner, double[] shift, double[][] factor, boolean diagonal) {
        this.inner = inner;
        this.shift = shift.clone();
        this.factor = factor;
        this.diagonal = diagonal;
        int d = shift.length;
        this.shiftTensor = Tensor.vector(shift);
        double[] packed = diagonal ? new double[d] : new double[d * d];
        double ld = 0;
        for (int i = 0; i < d; i++) {
            ld += Math.log(factor[i][i]);
            if (diagonal) {
                packed[i] = factor[i][i];
            } else {
                System.arraycopy(factor[i], 0, packed, i * d, d);
            }
        }
        this.factorTensor = diagonal ? Tensor.vector(packed) : Tensor.of(packed, d, d);
        this.logDet = ld;
    }

    /**
     * The guide {@code u = shift + factor · v}, v ~ inner. With {@code diagonal} only the
     * diagonal of {@code factor} is used.
     */
    static WhitenedGuide of(GaussianGuide inner, double[] shift, double[][] factor, boolean diagonal) {
        for (int i = 0; i < shift.length; i++) {
            if (!(factor[i][i] > 0) || !Double.isFinite(factor[i][i])) {
                throw new IllegalArgumentException("WhitenedGuide: factor diagonal must be finite and > 0, got "
                        + factor[i][i] + " at " + i);
            }
        }
        double[][] copy = new double[factor.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = factor[i].clone();
            if (diagonal) {
                java.util.Arrays.fill(copy[i], 0);
                copy[i][i] = factor[i][i];
            }
        }
        return new WhitenedGuide(inner, shift, copy, diagonal);
    }

    @Override
    public Map<String, Tensor> params() {
        return inner.params();
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int m) {
        return map(inner.rsample(rng, m));
    }

    @Override
    public Tensor rsampleAntithetic(RandomGenerator rng, int m) {
        return map(inner.rsampleAntithetic(rng, m));
    }

    /**
     * The ELBO integrand's control variate in whitened coordinates, for draws v of the inner
     * guide: {@code c = (1/M) Σ_m ½||v_m||² − ½ E_q||v||²}, zero in expectation for every value of
     * the parameters (so its gradient is too). Added to the Monte Carlo ELBO it cancels the
     * quadratic part of {@code log p(D, f(m₀ + L₀ v)) ≈ const − ½||v||²} (exact when the posterior
     * equals its Laplace approximation): a control variate with the Laplace Hessian, after
     * Miller et al. (2017), "Reducing reparameterization gradient variance".
     */
    Tensor controlVariate(Tensor v) {
        return v.square().sum().mul(Tensor.scalar(0.5 / v.dim(0)))
                .sub(inner.expectedSquaredNorm().mul(Tensor.scalar(0.5)));
    }

    /** Draws of the inner guide over v (antithetic pairs), shape [2⌈m/2⌉, d]. */
    Tensor whitenedDraws(RandomGenerator rng, int m) {
        return inner.rsampleAntithetic(rng, m);
    }

    /** u = m₀ + L₀ v for each row of v. */
    Tensor map(Tensor v) {
        Tensor mapped = diagonal ? v.mul(factorTensor) : LinAlg.matmul(v, factorTensor, false, true);
        return mapped.add(shiftTensor);
    }

    @Override
    public Tensor expectedSquaredNorm() {
        throw new IllegalStateException("WhitenedGuide: E||u||² is not used; see controlVariate");
    }

    @Override
    public Tensor entropy() {
        return inner.entropy().add(Tensor.scalar(logDet));
    }

    @Override
    public UnconstrainedGaussian snapshot(List<String> coordinateNames) {
        UnconstrainedGaussian q = inner.snapshot(coordinateNames);
        int d = shift.length;
        double[] mv = q.mean();
        double[][] cv = q.covariance();
        double[] mean = shift.clone();
        double[][] lc = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                mean[i] += factor[i][k] * mv[k];
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += factor[i][j] * cv[j][k];
                }
                lc[i][k] = s;
            }
        }
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += lc[i][k] * factor[j][k];
                }
                cov[i][j] = s;
            }
        }
        return new UnconstrainedGaussian(coordinateNames, mean, cov);
    }

    @Override
    public boolean blownUp() {
        return inner.blownUp();
    }

    @Override
    public double smallestScale() {
        return inner.smallestScale();
    }
}
