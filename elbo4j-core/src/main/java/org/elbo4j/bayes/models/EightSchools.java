package org.elbo4j.bayes.models;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.elbo4j.bayes.BayesModel;
import org.elbo4j.bayes.ExactCurvature;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.Parameter;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.dist.HalfCauchy;
import org.elbo4j.dist.Normal;
import org.elbo4j.tensor.Tensor;

/**
 * The eight-schools hierarchical model (Rubin 1981; Gelman et al., BDA §5.5), non-centred:
 * {@code μ ~ N(0, 5²)}, {@code τ ~ half-Cauchy(0, 5)}, {@code θ̃_j ~ N(0, 1)},
 * {@code θ_j = μ + τ θ̃_j}, {@code y_j ~ N(θ_j, σ_j²)} with known σ_j. Parameters: {@code mu},
 * {@code tau} (positive), {@code thetaTilde} [J]. The observations are the J schools.
 *
 * <p>Exact derivatives ({@link ExactCurvature}) are computed in double in the unconstrained
 * coordinates {@code u = (μ, s, t_1, …, t_J)} with {@code s = log τ}, {@code t_j = θ̃_j}, from the
 * double-precision log-densities of {@code org.elbo4j.dist} ({@link Normal#logDensity},
 * {@link HalfCauchy#logDensity} and their derivatives), whose tensor forms ({@code logProb}) give
 * the prior of {@link #logPrior}:
 * <pre>
 *   ℓ(u) = log N(μ; 0, 5) + log(2/(5π)) − log(1 + τ²/25) + s + Σ_j log N(t_j; 0, 1)
 *          + Σ_j log N(y_j; μ + τ t_j, σ_j),   τ = e^s.
 * </pre>
 * With {@code w_j = 1/σ_j²} and {@code r_j = w_j (y_j − μ − τ t_j)}, the gradient is
 * <pre>
 *   ∂ℓ/∂μ   = −μ/25 + Σ_j r_j
 *   ∂ℓ/∂s   = 1 − 2τ²/(25 + τ²) + τ Σ_j r_j t_j
 *   ∂ℓ/∂t_j = −t_j + τ r_j
 * </pre>
 * and the negative Hessian {@code H = −∇²ℓ} is
 * <pre>
 *   H_μμ     = 1/25 + Σ_j w_j
 *   H_μs     = τ Σ_j w_j t_j
 *   H_μt_j   = τ w_j
 *   H_ss     = 100τ²/(25 + τ²)² − τ Σ_j r_j t_j + τ² Σ_j w_j t_j²
 *   H_st_j   = τ² w_j t_j − τ r_j
 *   H_t_jt_k = δ_jk (1 + τ² w_j).
 * </pre>
 */
public final class EightSchools implements BayesModel, ExactCurvature {

    private static final String NAME = "EightSchools";

    private static final double[] CLASSIC_Y = {28, 8, -3, 7, -1, 1, 18, 12};
    private static final double[] CLASSIC_SIGMA = {15, 10, 16, 11, 9, 11, 10, 18};
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double MU_SCALE = 5.0;
    private static final double TAU_SCALE = 5.0;

    private final Tensor y;
    private final Tensor sigma;
    private final Tensor logSigma;
    private final double[] yValues;
    private final double[] sigmaValues;

    private EightSchools(double[] y, double[] sigma) {
        this.yValues = y.clone();
        this.sigmaValues = sigma.clone();
        this.y = Tensor.vector(y);
        this.sigma = Tensor.vector(sigma);
        this.logSigma = this.sigma.log();
    }

    /**
     * The model for effects {@code y} with standard errors {@code sigma}.
     *
     * @throws IllegalArgumentException if the arrays are empty, differ in length, or hold a
     *     non-finite effect or a non-positive standard error
     */
    public static EightSchools of(double[] y, double[] sigma) {
        if (y == null || sigma == null || y.length == 0 || y.length != sigma.length) {
            throw new IllegalArgumentException("EightSchools: y and sigma must be non-empty and of equal length");
        }
        for (int j = 0; j < y.length; j++) {
            if (!Double.isFinite(y[j])) {
                throw new IllegalArgumentException("EightSchools: y must be finite, got " + y[j] + " at " + j);
            }
            DesignMatrix.positive("EightSchools", "sigma[" + j + "]", sigma[j]);
        }
        return new EightSchools(y, sigma);
    }

    /** The classic data: y = (28, 8, −3, 7, −1, 1, 18, 12), σ = (15, 10, 16, 11, 9, 11, 10, 18). */
    public static EightSchools classic() {
        return of(CLASSIC_Y, CLASSIC_SIGMA);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.real("mu"), Parameter.positive("tau"), Parameter.real("thetaTilde", y.dim(0)));
    }

    @Override
    public int observationCount() {
        return y.dim(0);
    }

    @Override
    public Tensor logPrior(ParameterValues theta) {
        return Normal.of(0.0, MU_SCALE).logProb(theta.get("mu"))
                .add(HalfCauchy.of(TAU_SCALE).logProb(theta.get("tau")))
                .add(DesignMatrix.normalLogPrior(theta.get("thetaTilde"), 1.0));
    }

    /** μ ~ N(0, 5²), τ ~ half-Cauchy(0, 5) ({@link HalfCauchy#sample}: 5 tan(π U / 2)), θ̃ ~ N(0, 1). */
    @Override
    public Optional<ParameterValues> samplePrior(RandomGenerator rng, int m) {
        Map<String, Tensor> draws = new LinkedHashMap<>();
        draws.put("mu", DesignMatrix.normalDraws(rng, MU_SCALE, m));
        draws.put("tau", HalfCauchy.of(TAU_SCALE).sample(rng, m));
        draws.put("thetaTilde", DesignMatrix.normalDraws(rng, 1, m, y.dim(0)));
        return Optional.of(ParameterValues.of(draws));
    }

    @Override
    public Tensor logLikelihood(ParameterValues theta, Minibatch batch) {
        int[] idx = batch.indices();
        Tensor thetaTilde = theta.get("thetaTilde");
        Tensor t = batch.isFull() ? thetaTilde : thetaTilde.indexSelect(1, idx);
        Tensor effect = theta.get("mu").unsqueeze(1).add(theta.get("tau").unsqueeze(1).mul(t));
        Tensor z = effect.sub(batch.select(y)).div(batch.select(sigma));
        return z.square().mul(Tensor.scalar(-0.5)).sub(batch.select(logSigma)).sum(1, false)
                .sub(Tensor.scalar(batch.size() * HALF_LOG_TWO_PI));
    }

    /**
     * ℓ(u) for u = (μ, log τ, θ̃_1, …, θ̃_J), all normalising constants included (equal to
     * {@code logJoint} at the constrained values plus the log-Jacobian {@code s}); writes g and H
     * as in the class comment.
     */
    @Override
    public double curvature(double[] u, double[] gradient, double[][] negativeHessian) {
        int schools = yValues.length;
        int d = schools + 2;
        if (u.length != d) {
            throw new IllegalArgumentException(NAME + ": u must have length " + d + ", got " + u.length);
        }
        double mu = u[0];
        double s = u[1];
        double tau = Math.exp(s);
        double tau2 = tau * tau;
        double value = Normal.logDensity(mu, 0.0, MU_SCALE) + HalfCauchy.logDensity(tau, TAU_SCALE) + s;
        double sumR = 0;
        double sumRt = 0;
        double sumW = 0;
        double sumWt = 0;
        double sumWt2 = 0;
        for (int j = 0; j < schools; j++) {
            double t = u[2 + j];
            double effect = mu + tau * t;
            // r_j = ∂/∂effect log N(y_j; effect, σ_j) = w_j (y_j − effect), w_j = −∂²/∂effect² = 1/σ_j².
            double r = -Normal.logDensityDerivative(yValues[j], effect, sigmaValues[j]);
            double w = -Normal.logDensitySecondDerivative(yValues[j], effect, sigmaValues[j]);
            value += Normal.logDensity(t, 0.0, 1.0) + Normal.logDensity(yValues[j], effect, sigmaValues[j]);
            sumR += r;
            sumRt += r * t;
            sumW += w;
            sumWt += w * t;
            sumWt2 += w * t * t;
            if (gradient != null) {
                gradient[2 + j] = Normal.logDensityDerivative(t, 0.0, 1.0) + tau * r;
            }
            if (negativeHessian != null) {
                double[] row = negativeHessian[2 + j];
                Arrays.fill(row, 0.0);
                row[0] = tau * w;
                row[1] = tau2 * w * t - tau * r;
                row[2 + j] = -Normal.logDensitySecondDerivative(t, 0.0, 1.0) + tau2 * w;
                negativeHessian[0][2 + j] = row[0];
                negativeHessian[1][2 + j] = row[1];
            }
        }
        // the half-Cauchy prior in s = log τ: d/ds = τ f'(τ), d²/ds² = τ f'(τ) + τ² f''(τ).
        double priorSlope = tau * HalfCauchy.logDensityDerivative(tau, TAU_SCALE);
        double priorCurvature = priorSlope + tau2 * HalfCauchy.logDensitySecondDerivative(tau, TAU_SCALE);
        if (gradient != null) {
            gradient[0] = Normal.logDensityDerivative(mu, 0.0, MU_SCALE) + sumR;
            gradient[1] = 1 + priorSlope + tau * sumRt;
        }
        if (negativeHessian != null) {
            negativeHessian[0][0] = -Normal.logDensitySecondDerivative(mu, 0.0, MU_SCALE) + sumW;
            negativeHessian[0][1] = tau * sumWt;
            negativeHessian[1][0] = negativeHessian[0][1];
            negativeHessian[1][1] = -priorCurvature - tau * sumRt + tau2 * sumWt2;
        }
        return value;
    }
}
