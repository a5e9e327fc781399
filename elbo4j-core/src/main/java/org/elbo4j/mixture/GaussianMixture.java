package org.elbo4j.mixture;

/**
 * A Gaussian mixture {@code p(x) = Σ_k π_k N(x | μ_k, Σ_k)} with K components in d dimensions,
 * its log-likelihood and information criteria (scikit-learn's parameter count):
 *
 * <pre>  log p(X) = Σ_n log Σ_k exp(log π_k + log N(x_n | μ_k, Σ_k))      (log-sum-exp)
 *   log N(x | μ, Σ) = −½ (d log 2π + log|Σ| + (x − μ)ᵀ Σ⁻¹ (x − μ))
 *   p = (K − 1) + K·d + covariance parameters ({@link CovarianceType#covarianceParameters})
 *   BIC = −2 log p(X) + p log N,    AIC = −2 log p(X) + 2p</pre>
 *
 * Immutable; the Cholesky factors of the Σ_k are computed once, here.
 */
public final class GaussianMixture {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final CovarianceType type;
    private final double[] weights;
    private final double[][] means;
    private final double[][] covariances;
    private final Whitening whitening;

    private GaussianMixture(CovarianceType type, double[] weights, double[][] means, double[][] covariances) {
        this.type = type;
        this.weights = weights;
        this.means = means;
        this.covariances = covariances;
        this.whitening = Whitening.of(means, covariances, type.diagonal());
    }

    /**
     * A mixture from its weights π_k (positive, summing to 1 within 1e-9), means μ_k and
     * covariances Σ_k (d×d each; for DIAG and SPHERICAL only the diagonal is used, for TIED every
     * Σ_k should be the same matrix). The arrays are copied.
     *
     * @throws IllegalArgumentException if the shapes disagree, a weight is not positive, the
     *     weights do not sum to 1, a value is not finite or a Σ_k is not positive definite
     */
    public static GaussianMixture of(CovarianceType type, double[] weights, double[][] means, double[][][] covariances) {
        int k = weights.length;
        if (k == 0 || means.length != k || covariances.length != k) {
            throw new IllegalArgumentException("GaussianMixture: weights, means and covariances must have the same"
                    + " number K >= 1 of components, got " + k + ", " + means.length + ", " + covariances.length);
        }
        int d = means[0].length;
        double total = 0;
        double[][] flat = new double[k][d * d];
        double[][] mu = new double[k][];
        for (int c = 0; c < k; c++) {
            if (!(weights[c] > 0) || !Double.isFinite(weights[c])) {
                throw new IllegalArgumentException("GaussianMixture: weight " + c + " must be finite and > 0, got "
                        + weights[c]);
            }
            total += weights[c];
            if (means[c].length != d || covariances[c].length != d) {
                throw new IllegalArgumentException("GaussianMixture: component " + c + " has a mean of length "
                        + means[c].length + " and a " + covariances[c].length + "-row covariance, expected " + d);
            }
            mu[c] = means[c].clone();
            for (int i = 0; i < d; i++) {
                if (covariances[c][i].length != d) {
                    throw new IllegalArgumentException("GaussianMixture: covariance " + c + " row " + i + " has "
                            + covariances[c][i].length + " values, expected " + d);
                }
                if (!Double.isFinite(mu[c][i])) {
                    throw new IllegalArgumentException("GaussianMixture: mean " + c + " must be finite, got "
                            + mu[c][i]);
                }
                System.arraycopy(covariances[c][i], 0, flat[c], i * d, d);
            }
        }
        if (Math.abs(total - 1) > 1e-9) {
            throw new IllegalArgumentException("GaussianMixture: weights must sum to 1, got " + total);
        }
        return new GaussianMixture(type, weights.clone(), mu, flat);
    }

    /** Internal factory: arrays are taken, not copied (Σ_k flat row-major). */
    static GaussianMixture ofOwned(CovarianceType type, double[] weights, double[][] means, double[][] flatCov) {
        return new GaussianMixture(type, weights, means, flatCov);
    }

    /** The covariance type. */
    public CovarianceType type() {
        return type;
    }

    /** The number of components K. */
    public int components() {
        return weights.length;
    }

    /** The dimension d. */
    public int dimension() {
        return means[0].length;
    }

    /** π (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    /** μ_k (a copy). */
    public double[] mean(int k) {
        return means[k].clone();
    }

    /** Σ_k as a d×d matrix (a copy; diagonal for DIAG and SPHERICAL). */
    public double[][] covariance(int k) {
        int d = dimension();
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                m[i][j] = type.diagonal() && i != j ? 0.0 : covariances[k][i * d + j];
            }
        }
        return m;
    }

    double[][] flatCovariances() {
        return covariances;
    }

    /** The E-step: r_nk = p(z_n = k | x_n); {@link Responsibilities#logNormalizer()} = log p(X). */
    public Responsibilities posterior(MixtureData data) {
        checkDimension(data);
        int d = dimension();
        double[] bias = new double[components()];
        for (int c = 0; c < bias.length; c++) {
            bias[c] = Math.log(weights[c]) - 0.5 * (d * LOG_2PI + whitening.logDet(c));
        }
        return EStep.run(data, whitening, bias);
    }

    /** log p(X) = Σ_n log Σ_k π_k N(x_n | μ_k, Σ_k). */
    public double logLikelihood(MixtureData data) {
        return posterior(data).logNormalizer();
    }

    /** log N(x | μ_k, Σ_k) for one point. */
    public double logDensity(double[] x, int k) {
        if (x.length != dimension()) {
            throw new IllegalArgumentException("GaussianMixture: point has " + x.length + " values, expected "
                    + dimension());
        }
        return -0.5 * (dimension() * LOG_2PI + whitening.logDet(k) + whitening.distance(x, k));
    }

    /** The number of free parameters p. */
    public long parameterCount() {
        int k = components();
        int d = dimension();
        return (k - 1) + (long) k * d + type.covarianceParameters(k, d);
    }

    /** BIC = −2 log p(X) + p log N. */
    public double bic(MixtureData data) {
        return -2 * logLikelihood(data) + parameterCount() * Math.log(data.size());
    }

    /** AIC = −2 log p(X) + 2p. */
    public double aic(MixtureData data) {
        return -2 * logLikelihood(data) + 2.0 * parameterCount();
    }

    private void checkDimension(MixtureData data) {
        if (data.dimension() != dimension()) {
            throw new IllegalArgumentException("GaussianMixture: data has dimension " + data.dimension()
                    + ", the mixture " + dimension());
        }
    }
}
