package org.elbo4j.mixture;

import org.elbo4j.linalg.Covariance;

/**
 * The priors of a variational Gaussian mixture (Bishop PRML 10.39–10.40): the weights (see
 * {@link WeightPrior}) with concentration α₀, and each component
 *
 * <pre>  p(μ_k, Λ_k) = N(μ_k | m₀, (β₀ Λ_k)⁻¹) W(Λ_k | W₀, ν₀)</pre>
 *
 * given by m₀, β₀, ν₀ &gt; d − 1 and the covariance prior W₀⁻¹ (d×d row-major).
 *
 * @param weightPrior Dirichlet distribution or Dirichlet process
 * @param weightConcentration α₀ &gt; 0
 * @param meanPrecision β₀ &gt; 0
 * @param mean m₀
 * @param degreesOfFreedom ν₀ &gt; d − 1
 * @param covariance W₀⁻¹, symmetric positive definite, row-major
 */
public record NormalWishartPrior(WeightPrior weightPrior, double weightConcentration, double meanPrecision,
        double[] mean, double degreesOfFreedom, double[] covariance) {

    /**
     * Checks the ranges.
     *
     * @throws IllegalArgumentException naming the parameter and its value
     */
    public NormalWishartPrior {
        int d = mean.length;
        if (!(weightConcentration > 0) || Double.isInfinite(weightConcentration)) {
            throw new IllegalArgumentException("NormalWishartPrior: weightConcentration must be finite and > 0, got "
                    + weightConcentration);
        }
        if (!(meanPrecision > 0) || Double.isInfinite(meanPrecision)) {
            throw new IllegalArgumentException("NormalWishartPrior: meanPrecision must be finite and > 0, got "
                    + meanPrecision);
        }
        if (!(degreesOfFreedom > d - 1) || Double.isInfinite(degreesOfFreedom)) {
            throw new IllegalArgumentException("NormalWishartPrior: degreesOfFreedom must be finite and > d - 1 = "
                    + (d - 1) + ", got " + degreesOfFreedom);
        }
        if (covariance.length != d * d) {
            throw new IllegalArgumentException("NormalWishartPrior: covariance must have d*d = " + d * d
                    + " entries, got " + covariance.length);
        }
        mean = mean.clone();
        covariance = covariance.clone();
    }

    /**
     * scikit-learn's defaults for K components: α₀ = 1/K, β₀ = 1, m₀ = the data mean, ν₀ = d and
     * W₀⁻¹ = the sample covariance of the data (1/(N − 1); N = 1 gives the identity).
     */
    public static NormalWishartPrior defaults(MixtureData data, int k, WeightPrior weightPrior) {
        int n = data.size();
        int d = data.dimension();
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = data.row(i);
        }
        Covariance sample = Covariance.of(rows);
        double[][] s = sample.matrix();
        double[] cov = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                // Covariance divides by N; numpy's np.cov (scikit-learn's prior) by N - 1
                cov[a * d + b] = n < 2 ? (a == b ? 1.0 : 0.0) : s[a][b] * n / (n - 1);
            }
        }
        return new NormalWishartPrior(weightPrior, 1.0 / k, 1.0, sample.mean(), d, cov);
    }

    /** This prior with another weight concentration α₀. */
    public NormalWishartPrior withWeightConcentration(double value) {
        return new NormalWishartPrior(weightPrior, value, meanPrecision, mean, degreesOfFreedom, covariance);
    }

    /** The dimension d. */
    public int dimension() {
        return mean.length;
    }
}
