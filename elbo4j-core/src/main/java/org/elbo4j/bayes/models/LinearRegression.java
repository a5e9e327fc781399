package org.elbo4j.bayes.models;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.elbo4j.bayes.BayesModel;
import org.elbo4j.bayes.ExactCurvature;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.Parameter;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.dist.HalfNormal;
import org.elbo4j.dist.LogNormal;
import org.elbo4j.infer.SubsampledLogDensity;
import org.elbo4j.tensor.Tensor;

/**
 * Bayesian linear regression with unknown noise: {@code β ~ N(0, τ² I)}, optional intercept
 * {@code α ~ N(0, τ²)}, noise sd σ > 0 with a half-normal {@code σ ~ N⁺(0, s²)} or log-normal
 * {@code log σ ~ N(0, s²)} prior, and {@code y_n ~ N(α + x_nᵀ β, σ²)}. Parameters:
 * {@code intercept} (if any), {@code beta} [D], {@code sigma} (positive).
 *
 * <p>Besides its tensor code, the model has the exact log density in double in the unconstrained
 * coordinates {@code u = [α, β, t]}, {@code σ = e^t} ({@link ExactCurvature}): the likelihood
 * {@link LinearLikelihood} plus the prior with the log-Jacobian t {@link LinearPrior},
 * <pre>
 *   ℓ(u) = −Σ_n r_n² / (2σ²) − N t − N ½ log 2π + Σ_j log N(θ_j; 0, τ²) + log p(σ) + t,
 * </pre>
 * r_n = y_n − α − x_nᵀβ, with its exact gradient and negative Hessian (those of the two parts), so
 * that the Laplace start runs Newton's method on them; and ℓ_B, the likelihood's sum over a
 * subsample B scaled by N/|B| ({@link SubsampledLogDensity}), for minibatch fits.
 */
public final class LinearRegression implements BayesModel, ExactCurvature, SubsampledLogDensity {

    /** The prior on the noise standard deviation σ, with scale s. */
    public enum NoisePrior {
        /** p(σ) = 2 N(σ; 0, s²), σ > 0. */
        HALF_NORMAL,
        /** log σ ~ N(0, s²): p(σ) = N(log σ; 0, s²) / σ. */
        LOG_NORMAL
    }

    private static final String NAME = "LinearRegression";
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final Tensor x;
    private final Tensor y;
    private final double priorScale;
    private final NoisePrior noisePrior;
    private final double noisePriorScale;
    private final boolean intercept;
    private final LinearLikelihood likelihood;
    private final LinearPrior prior;

    private LinearRegression(double[][] x, double[] y, double priorScale, NoisePrior noisePrior, double noisePriorScale,
            boolean intercept) {
        this.x = DesignMatrix.matrix(x);
        this.y = Tensor.vector(y);
        this.priorScale = priorScale;
        this.noisePrior = noisePrior;
        this.noisePriorScale = noisePriorScale;
        this.intercept = intercept;
        int features = x[0].length;
        double[] flat = new double[x.length * features];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * features, features);
        }
        this.likelihood = LinearLikelihood.of(flat, y.clone(), intercept);
        this.prior = new LinearPrior(priorScale, noisePrior, noisePriorScale);
    }

    /**
     * The model for design {@code x} (N × D), responses {@code y}, coefficient prior sd
     * {@code tau}, and the noise prior with its scale.
     *
     * @throws IllegalArgumentException for empty, ragged or non-finite data, a null prior or a
     *     non-positive scale
     */
    public static LinearRegression of(double[][] x, double[] y, double tau, NoisePrior noisePrior,
            double noisePriorScale, boolean intercept) {
        DesignMatrix.check(NAME, x, y);
        DesignMatrix.positive(NAME, "tau", tau);
        DesignMatrix.positive(NAME, "noisePriorScale", noisePriorScale);
        if (noisePrior == null) {
            throw new IllegalArgumentException(NAME + ": noisePrior must not be null");
        }
        return new LinearRegression(x, y, tau, noisePrior, noisePriorScale, intercept);
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> p = DesignMatrix.coefficients(intercept, x.dim(1));
        p.add(Parameter.positive("sigma"));
        return p;
    }

    @Override
    public int observationCount() {
        return y.dim(0);
    }

    @Override
    public Tensor logPrior(ParameterValues theta) {
        Tensor lp = DesignMatrix.coefficientLogPrior(theta, intercept, priorScale);
        Tensor sigma = theta.get("sigma");
        double s = noisePriorScale;
        Tensor noise = noisePrior == NoisePrior.HALF_NORMAL
                ? HalfNormal.of(s).logProb(sigma)
                : LogNormal.of(0.0, s).logProb(sigma);
        return lp.add(noise);
    }

    /** Coefficients ~ N(0, τ²); σ = |z| s (half-normal) or exp(z s) (log-normal), z ~ N(0, 1). */
    @Override
    public Optional<ParameterValues> samplePrior(RandomGenerator rng, int m) {
        Map<String, Tensor> draws = DesignMatrix.coefficientPriorDraws(rng, m, intercept, x.dim(1), priorScale);
        Tensor sigma = DesignMatrix.normalDraws(rng, noisePriorScale, m);
        draws.put("sigma", noisePrior == NoisePrior.HALF_NORMAL ? sigma.abs() : sigma.exp());
        return Optional.of(ParameterValues.of(draws));
    }

    @Override
    public Tensor logLikelihood(ParameterValues theta, Minibatch batch) {
        Tensor eta = DesignMatrix.linearPredictor(theta.get("beta"), batch.select(x),
                intercept ? theta.get("intercept") : null);
        Tensor sigma = theta.get("sigma");
        Tensor sq = eta.sub(batch.select(y)).square().sum(1, false);
        int b = batch.size();
        return sq.div(sigma.square()).mul(Tensor.scalar(-0.5))
                .sub(sigma.log().mul(Tensor.scalar(b)))
                .sub(Tensor.scalar(b * HALF_LOG_TWO_PI));
    }

    /** ℓ(u) at u = [α, β, t] with its gradient and negative Hessian, as in the class comment. */
    @Override
    public double curvature(double[] u, double[] gradient, double[][] negativeHessian) {
        int d = dimension();
        if (u.length != d) {
            throw new IllegalArgumentException(NAME + ": u must have length " + d + ", got " + u.length);
        }
        boolean g = gradient != null;
        boolean h = negativeHessian != null;
        double[] out = new double[(g ? d : 0) + (h ? d * d : 0)];
        double value = likelihood.add(u, 0, out, g ? 0 : -1, h ? (g ? d : 0) : -1, null, 1);
        if (g) {
            System.arraycopy(out, 0, gradient, 0, d);
        }
        if (h) {
            for (int i = 0; i < d; i++) {
                System.arraycopy(out, (g ? d : 0) + i * d, negativeHessian[i], 0, d);
            }
        }
        return prior.add(u, 0, d, value, gradient, 0, negativeHessian);
    }

    @Override
    public void logDensities(double[] points, int k, double[] values, double[] gradients) {
        logDensities(points, k, null, 1, values, gradients);
    }

    /**
     * ℓ_B at the K rows of {@code points}: the likelihood summed over {@code rows} (null for all)
     * times {@code scale}, plus the prior and the log-Jacobian once.
     *
     * @throws IllegalArgumentException if {@code points} does not hold K points of length d, the
     *     outputs are too short, or a row index is outside [0, N)
     */
    @Override
    public void logDensities(double[] points, int k, int[] rows, double scale, double[] values, double[] gradients) {
        int d = dimension();
        if (k < 0 || points.length != (long) k * d || values.length < k
                || gradients != null && gradients.length < (long) k * d) {
            throw new IllegalArgumentException(NAME + ": expected " + k + " points of length " + d + ", got "
                    + points.length + " numbers, " + values.length + " values");
        }
        if (rows != null) {
            for (int r : rows) {
                if (r < 0 || r >= likelihood.rows()) {
                    throw new IllegalArgumentException(NAME + ": row index must be in [0, " + likelihood.rows()
                            + "), got " + r);
                }
            }
        }
        if (gradients != null) {
            java.util.Arrays.fill(gradients, 0, k * d, 0);
        }
        for (int p = 0; p < k; p++) {
            double v = likelihood.add(points, p * d, gradients, gradients == null ? -1 : p * d, -1, rows, scale);
            values[p] = prior.add(points, p * d, d, v, gradients, p * d, null);
        }
    }

    /** The number of unconstrained coordinates d = D + 1, plus one with an intercept. */
    private int dimension() {
        return x.dim(1) + (intercept ? 2 : 1);
    }
}
