package org.elbo4j.bayes.models;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.elbo4j.bayes.BayesModel;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.Parameter;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.dist.HalfNormal;
import org.elbo4j.dist.LogNormal;
import org.elbo4j.tensor.Tensor;

/**
 * Bayesian linear regression with unknown noise: {@code β ~ N(0, τ² I)}, optional intercept
 * {@code α ~ N(0, τ²)}, noise sd σ > 0 with a half-normal {@code σ ~ N⁺(0, s²)} or log-normal
 * {@code log σ ~ N(0, s²)} prior, and {@code y_n ~ N(α + x_nᵀ β, σ²)}. Parameters:
 * {@code intercept} (if any), {@code beta} [D], {@code sigma} (positive).
 */
public final class LinearRegression implements BayesModel {

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

    private LinearRegression(double[][] x, double[] y, double priorScale, NoisePrior noisePrior, double noisePriorScale,
            boolean intercept) {
        this.x = DesignMatrix.matrix(x);
        this.y = Tensor.vector(y);
        this.priorScale = priorScale;
        this.noisePrior = noisePrior;
        this.noisePriorScale = noisePriorScale;
        this.intercept = intercept;
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
}
