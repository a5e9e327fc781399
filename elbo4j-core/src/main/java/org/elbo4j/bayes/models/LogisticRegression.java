package org.elbo4j.bayes.models;

import java.util.List;
import org.elbo4j.bayes.BayesModel;
import org.elbo4j.bayes.ExactCurvature;
import org.elbo4j.bayes.GaussianExpectations;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.Parameter;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.infer.SubsampledLogDensity;
import org.elbo4j.tensor.Tensor;

/**
 * Bayesian logistic regression: {@code β ~ N(0, τ² I)}, optional intercept {@code α ~ N(0, τ²)},
 * {@code y_n ~ Bernoulli(σ(α + x_nᵀ β))}. Parameters: {@code intercept} (if any), {@code beta} [D].
 *
 * <p>Implementation note: the log-likelihood uses the fused stable form
 * {@code Σ_n [y_n η_n − softplus(η_n)]} (never log σ(η)), computed for all M particles by one
 * double-precision operation ({@link LogisticLikelihood}). The exact derivatives for the
 * Laplace start ({@link ExactCurvature}) are computed in double on the augmented design
 * {@code z_n = [1, x_n]}: {@code g = Σ_n (y_n − σ(η_n)) z_n − θ/τ²} and
 * {@code H = Σ_n σ(η_n)(1 − σ(η_n)) z_n z_nᵀ + I/τ²}; {@link #logDensities} evaluates ℓ and g at
 * many points with the blocked kernel {@link LogisticLikelihood#logLikelihoods}, and on a minibatch B
 * as {@code ℓ_B = (N/|B|) Σ_{n∈B} [y_n η_n − softplus(η_n)] + log prior} ({@link SubsampledLogDensity}).
 */
public final class LogisticRegression implements BayesModel, ExactCurvature, SubsampledLogDensity,
        GaussianExpectations {

    private static final String NAME = "LogisticRegression";

    private final LogisticLikelihood likelihood;
    private final LogisticExpectations expectations;
    private final double[] labels;
    private final int features;
    private final double priorScale;
    private final boolean intercept;

    private LogisticRegression(LogisticLikelihood likelihood, double[] labels, int features, double priorScale,
            boolean intercept) {
        this.features = features;
        this.labels = labels;
        this.likelihood = likelihood;
        this.expectations = likelihood.expectations();
        this.priorScale = priorScale;
        this.intercept = intercept;
    }

    private static void checkLabels(double[] y) {
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException(NAME + ": y must be 0 or 1, got " + y[i] + " at " + i);
            }
        }
    }

    private static double[] flat(double[][] x) {
        int d = x[0].length;
        double[] flat = new double[x.length * d];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * d, d);
        }
        return flat;
    }

    /**
     * The model for design {@code x} (N × D), labels {@code y} ∈ {0, 1}, prior sd {@code tau}.
     *
     * @throws IllegalArgumentException for empty, ragged or non-finite data, labels other than
     *     0 and 1, or a non-positive tau
     */
    public static LogisticRegression of(double[][] x, double[] y, double tau, boolean intercept) {
        DesignMatrix.check(NAME, x, y);
        DesignMatrix.positive(NAME, "tau", tau);
        checkLabels(y);
        double[] labels = y.clone();
        return new LogisticRegression(new LogisticLikelihood(flat(x), labels, x[0].length), labels, x[0].length, tau,
                intercept);
    }

    /**
     * The model of the rows collected by {@code rows} ({@link DesignRows#finish()} is called), with
     * prior sd {@code tau}: the same model as {@link #of(double[][], double[], double, boolean)} on
     * those rows, built from the collected arrays without copying them (the rows were checked to
     * be finite as they were added).
     *
     * @throws IllegalArgumentException if there are no rows, a label is not 0 or 1, or tau is not positive
     */
    public static LogisticRegression of(DesignRows rows, double tau, boolean intercept) {
        DesignMatrix.positive(NAME, "tau", tau);
        rows.finish();
        double[] y = rows.responses();
        checkLabels(y);
        return new LogisticRegression(new LogisticLikelihood(rows.rowMajor(), rows.columns(), y, rows.features()), y,
                rows.features(), tau, intercept);
    }

    @Override
    public List<Parameter> parameters() {
        return DesignMatrix.coefficients(intercept, features);
    }

    @Override
    public int observationCount() {
        return labels.length;
    }

    @Override
    public Tensor logPrior(ParameterValues theta) {
        return DesignMatrix.coefficientLogPrior(theta, intercept, priorScale);
    }

    @Override
    public Tensor logLikelihood(ParameterValues theta, Minibatch batch) {
        return likelihood.of(theta.get("beta"), intercept ? theta.get("intercept") : null,
                batch.isFull() ? null : batch.indices());
    }

    /**
     * ℓ(θ) = Σ_n [y_n η_n − softplus(η_n)] + Σ_j log N(θ_j; 0, τ) with θ = [α, β] (α if any),
     * η_n = θᵀ z_n; writes g and H as in the class comment.
     */
    @Override
    public double curvature(double[] u, double[] gradient, double[][] negativeHessian) {
        int d = dimension();
        if (u.length != d) {
            throw new IllegalArgumentException(NAME + ": u must have length " + d + ", got " + u.length);
        }
        double value = likelihood.curvature(u, intercept, gradient, negativeHessian);
        return addLogPrior(u, 0, value, gradient, negativeHessian);
    }

    /**
     * ℓ, and g when {@code gradients} is not null, as {@link #curvature} at K points at once: one
     * pass over the data, each block of rows serving every point (see
     * {@link LogisticLikelihood#logLikelihoods}). Agrees with {@link #curvature} to rounding (about
     * 1e-14 relative at N = 10,000); the same on every call and thread.
     *
     * @throws IllegalArgumentException if {@code points} does not hold K points of length d, or
     *     {@code values} or {@code gradients} is too short
     */
    @Override
    public void logDensities(double[] points, int k, double[] values, double[] gradients) {
        int d = dimension();
        if (k < 0 || points.length != (long) k * d || values.length < k
                || gradients != null && gradients.length < (long) k * d) {
            throw new IllegalArgumentException(NAME + ": expected " + k + " points of length " + d + ", got "
                    + points.length + " numbers, " + values.length + " values"
                    + (gradients == null ? "" : ", " + gradients.length + " gradient numbers"));
        }
        likelihood.logLikelihoods(points, k, intercept, values, gradients);
        for (int p = 0; p < k; p++) {
            values[p] = addLogPrior(points, p * d, values[p], gradients, null);
        }
    }

    /**
     * ℓ_B at K points: the log-likelihood summed over {@code rows} (in that order; null for all
     * rows, then as {@link #logDensities(double[], int, double[], double[])}) times {@code scale},
     * plus the log prior once; gradients likewise.
     *
     * @throws IllegalArgumentException as {@link #logDensities(double[], int, double[], double[])},
     *     or if a row index is outside [0, N)
     */
    @Override
    public void logDensities(double[] points, int k, int[] rows, double scale, double[] values, double[] gradients) {
        if (rows == null && scale == 1) {
            logDensities(points, k, values, gradients);
            return;
        }
        int d = dimension();
        if (k < 0 || points.length != (long) k * d || values.length < k
                || gradients != null && gradients.length < (long) k * d) {
            throw new IllegalArgumentException(NAME + ": expected " + k + " points of length " + d + ", got "
                    + points.length + " numbers, " + values.length + " values");
        }
        int[] all = rows;
        if (all == null) {
            all = new int[labels.length];
            java.util.Arrays.setAll(all, i -> i);
        }
        for (int r : all) {
            if (r < 0 || r >= labels.length) {
                throw new IllegalArgumentException(NAME + ": row index must be in [0, " + labels.length + "), got " + r);
            }
        }
        likelihood.subsample(points, k, intercept, all, scale, values, gradients);
        for (int p = 0; p < k; p++) {
            values[p] = addLogPrior(points, p * d, values[p], gradients, null);
        }
    }

    /**
     * E_q[ℓ] = Σ_n E[y_n η_n − softplus(η_n)] + E_q[log prior] under q = N(m, L Lᵀ), with its
     * gradient in m and −E_q[∇²ℓ] ({@link GaussianExpectations}; the data part by
     * {@link LogisticExpectations}, Gauss–Hermite quadrature per row).
     *
     * @throws IllegalArgumentException if mean or lower do not have length d
     */
    @Override
    public double expectations(double[] mean, double[][] lower, double[] gradient, double[][] negativeHessian) {
        double value = expectedLogLikelihood(mean, lower, gradient, negativeHessian);
        return GaussianExpectations.addNormalPrior(mean, lower, priorScale, value, gradient, negativeHessian);
    }

    /**
     * As {@link #expectations} without the prior: the data part only (for models that sum it over
     * parts of the data and add the prior once).
     *
     * @throws IllegalArgumentException if mean or lower do not have length d
     */
    public double expectedLogLikelihood(double[] mean, double[][] lower, double[] gradient,
            double[][] negativeHessian) {
        int d = dimension();
        if (mean.length != d || lower.length != d) {
            throw new IllegalArgumentException(NAME + ": mean and lower must have length " + d + ", got "
                    + mean.length + " and " + lower.length);
        }
        return expectations.expectations(mean, lower, intercept, gradient, negativeHessian);
    }

    private int dimension() {
        return features + (intercept ? 1 : 0);
    }

    /**
     * {@code value} plus the log prior Σ_j log N(θ_j; 0, τ) at the point at {@code off} in
     * {@code u}; adds its gradient −θ/τ² to {@code gradient} (at the same offset) and I/τ² to
     * {@code negativeHessian} when they are not null.
     */
    private double addLogPrior(double[] u, int off, double value, double[] gradient, double[][] negativeHessian) {
        return DesignMatrix.addNormalLogPrior(u, off, dimension(), priorScale, value, gradient, negativeHessian);
    }
}
