package org.elbo4j.bayes.models;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.elbo4j.bayes.BayesModel;
import org.elbo4j.bayes.DenseCholesky;
import org.elbo4j.bayes.GaussianExpectations;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.Parameter;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.tensor.Tensor;

/**
 * Bayesian linear regression with a conjugate Gaussian prior and known noise:
 * {@code β ~ N(0, τ² I)}, {@code y_n ~ N(α + x_nᵀ β, σ²)}, with an optional intercept α that has
 * the same N(0, τ²) prior. Parameters: {@code intercept} (scalar, if any) and {@code beta} [D].
 *
 * <p>Closed forms, with X̃ = [1, X] when there is an intercept (coefficients ordered intercept
 * first): posterior {@code N(m, S)} with {@code Λ = S⁻¹ = X̃ᵀX̃/σ² + I/τ²} and
 * {@code m = S X̃ᵀ y / σ²}; evidence {@code y ~ N(0, σ² I + τ² X̃ X̃ᵀ)}.
 *
 * <p>Implementation note: the evidence is computed without the N × N covariance, by the matrix
 * determinant lemma {@code log det(σ²I + τ²X̃X̃ᵀ) = N log σ² + log det(τ² Λ)} and Woodbury
 * {@code yᵀ(σ²I + τ²X̃X̃ᵀ)⁻¹y = yᵀy/σ² − mᵀΛm}.
 *
 * <p>{@link GaussianExpectations}: under q = N(m, L Lᵀ), η_n = z_nᵀθ ~ N(μ_n, s_n²) and
 * {@code E[log N(y_n; η_n, σ²)] = log N(y_n; μ_n, σ²) − s_n²/(2σ²)} in closed form, with
 * {@code g = Σ_n (y_n − μ_n) z_n/σ² − m/τ²} and {@code P = X̃ᵀX̃/σ² + I/τ² = Λ}.
 */
public final class ConjugateLinearRegression implements BayesModel, GaussianExpectations {

    private static final String NAME = "ConjugateLinearRegression";

    private final double[][] design;
    private final double[] y;
    private final double noiseScale;
    private final double priorScale;
    private final boolean intercept;
    private final Tensor x;
    private final Tensor yTensor;

    private ConjugateLinearRegression(double[][] x, double[] y, double noiseScale, double priorScale, boolean intercept) {
        this.design = DesignMatrix.augmented(x, intercept);
        this.y = y.clone();
        this.noiseScale = noiseScale;
        this.priorScale = priorScale;
        this.intercept = intercept;
        this.x = DesignMatrix.matrix(x);
        this.yTensor = Tensor.vector(y);
    }

    /**
     * The model for design {@code x} (N × D), responses {@code y}, known noise sd {@code sigma},
     * prior sd {@code tau} and an optional intercept.
     *
     * @throws IllegalArgumentException for empty, ragged or non-finite data or non-positive scales
     */
    public static ConjugateLinearRegression of(double[][] x, double[] y, double sigma, double tau, boolean intercept) {
        DesignMatrix.check(NAME, x, y);
        DesignMatrix.positive(NAME, "sigma", sigma);
        DesignMatrix.positive(NAME, "tau", tau);
        return new ConjugateLinearRegression(x, y, sigma, tau, intercept);
    }

    @Override
    public List<Parameter> parameters() {
        return DesignMatrix.coefficients(intercept, x.dim(1));
    }

    @Override
    public int observationCount() {
        return y.length;
    }

    @Override
    public Tensor logPrior(ParameterValues theta) {
        return DesignMatrix.coefficientLogPrior(theta, intercept, priorScale);
    }

    @Override
    public Optional<ParameterValues> samplePrior(RandomGenerator rng, int m) {
        return Optional.of(ParameterValues.of(DesignMatrix.coefficientPriorDraws(rng, m, intercept, x.dim(1),
                priorScale)));
    }

    @Override
    public Tensor logLikelihood(ParameterValues theta, Minibatch batch) {
        Tensor eta = DesignMatrix.linearPredictor(theta.get("beta"), batch.select(x),
                intercept ? theta.get("intercept") : null);
        Tensor resid = eta.sub(batch.select(yTensor));
        double c = batch.size() * (Math.log(noiseScale) + 0.5 * Math.log(2 * Math.PI));
        return resid.square().sum(1, false).mul(Tensor.scalar(-0.5 / (noiseScale * noiseScale)))
                .sub(Tensor.scalar(c));
    }

    /** Λ = X̃ᵀX̃/σ² + I/τ². */
    public double[][] exactPosteriorPrecision() {
        int d = design[0].length;
        double[][] lam = new double[d][d];
        for (double[] row : design) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    lam[i][j] += row[i] * row[j];
                }
            }
        }
        double s2 = noiseScale * noiseScale;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                lam[i][j] /= s2;
            }
            lam[i][i] += 1.0 / (priorScale * priorScale);
        }
        return lam;
    }

    /** S = Λ⁻¹ (coefficients ordered intercept first, if any). */
    public double[][] exactPosteriorCovariance() {
        return DenseCholesky.of(exactPosteriorPrecision()).inverse();
    }

    /** m = S X̃ᵀ y / σ². */
    public double[] exactPosteriorMean() {
        return DenseCholesky.of(exactPosteriorPrecision()).solve(scaledXty());
    }

    /** log N(y; 0, σ² I + τ² X̃ X̃ᵀ). */
    public double exactLogEvidence() {
        double[][] lam = exactPosteriorPrecision();
        DenseCholesky chol = DenseCholesky.of(lam);
        double[] m = chol.solve(scaledXty());
        int n = y.length;
        int d = lam.length;
        double s2 = noiseScale * noiseScale;
        double logDet = n * Math.log(s2) + chol.logDet() + d * Math.log(priorScale * priorScale);
        double yy = 0;
        for (double v : y) {
            yy += v * v;
        }
        double mLm = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                mLm += m[i] * lam[i][j] * m[j];
            }
        }
        return -0.5 * (n * Math.log(2 * Math.PI) + logDet + yy / s2 - mLm);
    }

    /** E_q[log p(y, θ)] under q = N(m, L Lᵀ) and its derivatives in closed form (see the class comment). */
    @Override
    public double expectations(double[] mean, double[][] lower, double[] gradient, double[][] negativeHessian) {
        int d = design[0].length;
        if (mean.length != d || lower.length != d) {
            throw new IllegalArgumentException(NAME + ": mean and lower must have length " + d + ", got "
                    + mean.length + " and " + lower.length);
        }
        double s2 = noiseScale * noiseScale;
        if (gradient != null) {
            java.util.Arrays.fill(gradient, 0);
        }
        if (negativeHessian != null) {
            for (double[] row : negativeHessian) {
                java.util.Arrays.fill(row, 0);
            }
        }
        double value = -0.5 * y.length * Math.log(2 * Math.PI * s2);
        for (int n = 0; n < y.length; n++) {
            double[] z = design[n];
            double mu = 0;
            double var = 0;
            for (int k = 0; k < d; k++) {
                mu += z[k] * mean[k];
                double v = 0;
                for (int a = k; a < d; a++) {
                    v += lower[a][k] * z[a];
                }
                var += v * v;
            }
            double resid = y[n] - mu;
            value -= (resid * resid + var) / (2 * s2);
            for (int a = 0; a < d; a++) {
                if (gradient != null) {
                    gradient[a] += resid * z[a] / s2;
                }
                if (negativeHessian != null) {
                    for (int b = 0; b < d; b++) {
                        negativeHessian[a][b] += z[a] * z[b] / s2;
                    }
                }
            }
        }
        return GaussianExpectations.addNormalPrior(mean, lower, priorScale, value, gradient, negativeHessian);
    }

    private double[] scaledXty() {
        int d = design[0].length;
        double[] b = new double[d];
        for (int n = 0; n < y.length; n++) {
            for (int i = 0; i < d; i++) {
                b[i] += design[n][i] * y[n] / (noiseScale * noiseScale);
            }
        }
        return b;
    }
}
