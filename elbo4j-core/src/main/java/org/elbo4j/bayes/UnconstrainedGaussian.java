package org.elbo4j.bayes;

import java.util.List;

/**
 * The fitted guide as a Gaussian over the unconstrained vector u (its covariance is all zeros
 * for a MAP point mass). Coordinates are ordered as {@link BayesModel#parameters()}, each
 * parameter's unconstrained coordinates row-major; {@link #coordinateNames()} labels them
 * ({@code beta[0]}, {@code sigma}).
 *
 * @param coordinateNames one label per coordinate
 * @param mean            μ
 * @param covariance      Σ (d × d)
 */
public record UnconstrainedGaussian(List<String> coordinateNames, double[] mean, double[][] covariance) {

    /** Copies the arrays. */
    public UnconstrainedGaussian {
        coordinateNames = List.copyOf(coordinateNames);
        mean = mean.clone();
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariance[i].clone();
        }
        covariance = c;
    }

    /** d. */
    public int dim() {
        return mean.length;
    }

    /** The covariance (copied). */
    @Override
    public double[][] covariance() {
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariance[i].clone();
        }
        return c;
    }

    /** The mean (copied). */
    @Override
    public double[] mean() {
        return mean.clone();
    }
}
