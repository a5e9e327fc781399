package org.elbo4j.ppca;

import org.elbo4j.linalg.Covariance;
import org.elbo4j.linalg.Pca;

/**
 * The closed-form maximum-likelihood solution of probabilistic PCA (Tipping &amp; Bishop 1999,
 * eq. 7–8): with λ₁ ≥ … ≥ λ_d the eigenvalues of the sample covariance S and U_q its first q unit
 * eigenvectors,
 *
 * <pre>  μ = x̄,   σ² = (1/(d − q)) Σ_{j&gt;q} λ_j,   W = U_q (Λ_q − σ² I)^{1/2}</pre>
 *
 * (up to a rotation of the latent space), and the maximised log-likelihood of the n points is
 * (eq. 4 with C = U_q Λ_q U_qᵀ + σ²(I − U_q U_qᵀ))
 *
 * <pre>  L = −(n/2) [d log 2π + Σ_{j≤q} log λ_j + (d − q) log σ² + d].</pre>
 *
 * <p>With {@link Denominator#N_MINUS_ONE} the eigenvalues are those of the unbiased covariance
 * S·n/(n−1) (σ² and Λ_q scaled alike, as scikit-learn's {@code PCA} estimates them) and L is that
 * model's log-likelihood of the same points: there tr(C⁻¹S) = d(n−1)/n instead of d. This is what
 * {@code PCA(n_components=q).score(X)·n} returns; it is slightly below the maximum.
 */
public final class PpcaClosedForm {

    /** Which sample covariance the parameters are estimated from. */
    public enum Denominator {
        /** S with denominator n: the maximum-likelihood estimate. */
        N,
        /** S·n/(n−1): scikit-learn's {@code PCA}. */
        N_MINUS_ONE
    }

    private final int count;
    private final double totalVariance;
    private final double[] variances;
    private final double[] ratios;
    private final double noiseVariance;
    private final double logLikelihood;
    private final PpcaModel model;

    private PpcaClosedForm(int count, double totalVariance, double[] variances, double[] ratios,
            double noiseVariance, double logLikelihood, PpcaModel model) {
        this.count = count;
        this.totalVariance = totalVariance;
        this.variances = variances;
        this.ratios = ratios;
        this.noiseVariance = noiseVariance;
        this.logLikelihood = logLikelihood;
        this.model = model;
    }

    /** The maximum-likelihood solution with q latent dimensions. */
    public static PpcaClosedForm of(Pca pca, int q) {
        return of(pca, q, Denominator.N);
    }

    /**
     * The solution with q latent dimensions from the chosen covariance estimate.
     *
     * @throws IllegalArgumentException if n &lt; 2, q is not in [1, d), every coordinate is constant,
     *     or the data have rank ≤ q (σ² = 0: the likelihood is unbounded)
     */
    public static PpcaClosedForm of(Pca pca, int q, Denominator denominator) {
        Covariance cov = pca.covariance();
        int n = cov.count();
        int d = cov.dimension();
        double trace = Moments.checkFit("PpcaClosedForm", cov, q);
        double[] lambda = pca.variances();
        double discarded = 0;
        for (int j = q; j < d; j++) {
            discarded += lambda[j];
        }
        double sigma2Ml = discarded / (d - q);
        if (!(sigma2Ml > 1e-12 * lambda[0])) {
            throw new IllegalArgumentException("PpcaClosedForm: the data have rank <= q = " + q
                    + " (the mean discarded variance is " + sigma2Ml + " against a largest variance of "
                    + lambda[0] + "): sigma^2 would be 0 and the likelihood unbounded; choose a smaller q");
        }
        double c = denominator == Denominator.N ? 1.0 : (double) n / (n - 1);
        double sigma2 = c * sigma2Ml;
        double[] variances = new double[q];
        double[] ratios = new double[q];
        double logDet = (d - q) * Math.log(sigma2);
        double[][] w = new double[d][q];
        for (int j = 0; j < q; j++) {
            variances[j] = c * lambda[j];
            ratios[j] = lambda[j] / trace;
            logDet += Math.log(variances[j]);
            double scale = Math.sqrt(Math.max(0.0, variances[j] - sigma2));
            double[] u = pca.component(j);
            for (int i = 0; i < d; i++) {
                w[i][j] = u[i] * scale;
            }
        }
        double logLikelihood = -0.5 * n * (d * Math.log(2 * Math.PI) + logDet + d / c);
        PpcaModel model = PpcaModel.of(cov.mean(), w, sigma2);
        return new PpcaClosedForm(n, trace, variances, ratios, sigma2, logLikelihood, model);
    }

    /** L, the exact log-likelihood of the n points (formula above). */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** L / n. */
    public double logLikelihoodPerPoint() {
        return logLikelihood / count;
    }

    /** σ². */
    public double noiseVariance() {
        return noiseVariance;
    }

    /** λ₁ … λ_q, the variances along the retained components (a copy). */
    public double[] componentVariances() {
        return variances.clone();
    }

    /** λ_j / tr S for j ≤ q: the share of the total variance each retained component explains. */
    public double[] explainedVarianceRatio() {
        return ratios.clone();
    }

    /** tr S, the total variance (denominator n). */
    public double totalVariance() {
        return totalVariance;
    }

    /** The number of points n. */
    public int count() {
        return count;
    }

    /** The parameters (μ, W, σ²). */
    public PpcaModel model() {
        return model;
    }
}
