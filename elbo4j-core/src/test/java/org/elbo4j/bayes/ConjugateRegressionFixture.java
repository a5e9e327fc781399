package org.elbo4j.bayes;

import org.elbo4j.bayes.models.ConjugateLinearRegression;
import org.elbo4j.random.Rng;

/** Seeded data for the conjugate regression tests: correlated predictors (ρ ≈ 0.9 between the first two). */
final class ConjugateRegressionFixture {

    static final int N = 40;
    static final double SIGMA = 1.0;
    static final double TAU = 2.0;

    private ConjugateRegressionFixture() {
    }

    static ConjugateLinearRegression model(boolean intercept) {
        Rng rng = Rng.of(20240611L);
        double[][] x = new double[N][3];
        double[] y = new double[N];
        double[] beta = {1.0, -0.5, 0.3};
        for (int n = 0; n < N; n++) {
            double a = rng.nextGaussian();
            x[n][0] = a;
            x[n][1] = 0.9 * a + Math.sqrt(1 - 0.81) * rng.nextGaussian();
            x[n][2] = rng.nextGaussian();
            y[n] = 0.5 + beta[0] * x[n][0] + beta[1] * x[n][1] + beta[2] * x[n][2] + SIGMA * rng.nextGaussian();
        }
        return ConjugateLinearRegression.of(x, y, SIGMA, TAU, intercept);
    }

    /** The guide mean in layout order (intercept, beta…) equals the closed form's order. */
    static double[] flatten(UnconstrainedGaussian g) {
        return g.mean();
    }
}
