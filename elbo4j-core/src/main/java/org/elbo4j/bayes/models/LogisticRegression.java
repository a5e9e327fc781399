package org.elbo4j.bayes.models;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.bayes.BayesModel;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.Parameter;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.tensor.LinAlg;
import org.elbo4j.tensor.Tensor;

/**
 * Bayesian logistic regression: {@code β ~ N(0, τ² I)}, optional intercept {@code α ~ N(0, τ²)},
 * {@code y_n ~ Bernoulli(σ(α + x_nᵀ β))}. Parameters: {@code intercept} (if any), {@code beta} [D].
 *
 * <p>Implementation note: the log-likelihood uses the fused stable form
 * {@code Σ_n [y_n η_n − softplus(η_n)]} (never log σ(η)), and the linear predictor of all M
 * particles is one matrix product {@code [M, D] · [D, B]}.
 */
public final class LogisticRegression implements BayesModel {

    private static final String NAME = "LogisticRegression";

    private final Tensor x;
    private final Tensor y;
    private final double priorScale;
    private final boolean intercept;

    private LogisticRegression(double[][] x, double[] y, double priorScale, boolean intercept) {
        this.x = DesignMatrix.matrix(x);
        this.y = Tensor.vector(y);
        this.priorScale = priorScale;
        this.intercept = intercept;
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
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException(NAME + ": y must be 0 or 1, got " + y[i] + " at " + i);
            }
        }
        return new LogisticRegression(x, y, tau, intercept);
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>();
        if (intercept) {
            p.add(Parameter.real("intercept"));
        }
        p.add(Parameter.real("beta", x.dim(1)));
        return p;
    }

    @Override
    public int observationCount() {
        return y.dim(0);
    }

    @Override
    public Tensor logPrior(ParameterValues theta) {
        Tensor lp = DesignMatrix.normalLogPrior(theta.get("beta"), priorScale);
        return intercept ? lp.add(DesignMatrix.normalLogPrior(theta.get("intercept"), priorScale)) : lp;
    }

    @Override
    public Tensor logLikelihood(ParameterValues theta, Minibatch batch) {
        Tensor eta = LinAlg.matmul(theta.get("beta"), batch.select(x), false, true);
        if (intercept) {
            eta = eta.add(theta.get("intercept").unsqueeze(1));
        }
        return eta.mul(batch.select(y)).sub(eta.softplus()).sum(1, false);
    }
}
