package org.elbo4j.bayes.models;

import java.util.List;
import org.elbo4j.bayes.BayesModel;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.Parameter;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.tensor.Tensor;

/**
 * The eight-schools hierarchical model (Rubin 1981; Gelman et al., BDA §5.5), non-centred:
 * {@code μ ~ N(0, 5²)}, {@code τ ~ half-Cauchy(0, 5)}, {@code θ̃_j ~ N(0, 1)},
 * {@code θ_j = μ + τ θ̃_j}, {@code y_j ~ N(θ_j, σ_j²)} with known σ_j. Parameters: {@code mu},
 * {@code tau} (positive), {@code thetaTilde} [J]. The observations are the J schools.
 */
public final class EightSchools implements BayesModel {

    private static final double[] CLASSIC_Y = {28, 8, -3, 7, -1, 1, 18, 12};
    private static final double[] CLASSIC_SIGMA = {15, 10, 16, 11, 9, 11, 10, 18};
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final Tensor y;
    private final Tensor sigma;
    private final Tensor logSigma;

    private EightSchools(double[] y, double[] sigma) {
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
        Tensor tau = theta.get("tau");
        Tensor halfCauchy = tau.div(Tensor.scalar(5.0)).square().log1p().neg()
                .add(Tensor.scalar(Math.log(2.0 / (Math.PI * 5.0))));
        return DesignMatrix.normalLogPrior(theta.get("mu"), 5.0).add(halfCauchy)
                .add(DesignMatrix.normalLogPrior(theta.get("thetaTilde"), 1.0));
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
}
