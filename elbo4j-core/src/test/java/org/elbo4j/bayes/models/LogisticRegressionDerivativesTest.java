package org.elbo4j.bayes.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The hand-written parts of {@link LogisticRegression}, deterministic (fixed data, no sampling):
 * the double-precision log-likelihood against a direct formula, its autodiff gradient (the
 * custom operation's backward rule) and {@code curvature}'s gradient against central finite
 * differences of ℓ, the negative Hessian against finite differences of the gradient, and a
 * minibatch against the sum over its rows. Tolerances: 1e-3 relative for float32 outputs,
 * 1e-5 relative for double finite differences (step 1e-4, truncation error ~1e-8).
 */
class LogisticRegressionDerivativesTest {

    private static final int N = 200;
    private static final int D = 3;

    private final double[][] x = new double[N][D];
    private final double[] y = new double[N];
    private final LogisticRegression model;

    LogisticRegressionDerivativesTest() {
        Rng rng = Rng.of(5);
        for (int n = 0; n < N; n++) {
            for (int j = 0; j < D; j++) {
                x[n][j] = rng.nextGaussian();
            }
            y[n] = rng.nextDouble() < 0.4 ? 1 : 0;
        }
        model = LogisticRegression.of(x, y, 1.5, true);
    }

    private double directLogLikelihood(double[] theta, int[] rows) {
        double sum = 0;
        for (int n : rows) {
            double eta = theta[0];
            for (int j = 0; j < D; j++) {
                eta += theta[1 + j] * x[n][j];
            }
            sum += y[n] * eta - Math.log1p(Math.exp(eta));
        }
        return sum;
    }

    private ParameterValues values(Tensor intercept, Tensor beta) {
        java.util.Map<String, Tensor> m = new java.util.LinkedHashMap<>();
        m.put("intercept", intercept);
        m.put("beta", beta);
        return ParameterValues.of(m);
    }

    @Test
    void likelihoodAndItsGradientMatchTheFormulaForTwoParticles() {
        double[][] thetas = {{0.3, -0.5, 0.8, 0.1}, {-1.0, 2.0, -0.7, 0.4}};
        Tensor intercept = Tensor.of(new double[] {thetas[0][0], thetas[1][0]}, 2).requiresGrad(true);
        double[] b = new double[2 * D];
        for (int p = 0; p < 2; p++) {
            System.arraycopy(thetas[p], 1, b, p * D, D);
        }
        Tensor beta = Tensor.of(b, 2, D).requiresGrad(true);
        Tensor ll = model.logLikelihood(values(intercept, beta), Minibatch.full(N));
        int[] all = java.util.stream.IntStream.range(0, N).toArray();
        ll.sum().backward();
        for (int p = 0; p < 2; p++) {
            double expected = directLogLikelihood(thetas[p], all);
            assertEquals(expected, ll.data()[p], 1e-3 * Math.abs(expected));
            double[] g = new double[D + 1];
            double[][] h = new double[D + 1][D + 1];
            double[] prior = thetas[p].clone();
            model.curvature(prior, g, h);
            for (int j = 0; j <= D; j++) {
                double likelihoodGrad = g[j] + thetas[p][j] / (1.5 * 1.5);
                double autodiff = j == 0 ? intercept.grad().data()[p] : beta.grad().data()[p * D + j - 1];
                assertEquals(likelihoodGrad, autodiff, 1e-3 * Math.max(1, Math.abs(likelihoodGrad)), "coordinate " + j);
            }
        }
    }

    @Test
    void curvatureMatchesFiniteDifferences() {
        double[] theta = {0.2, -0.4, 0.6, 1.1};
        int k = theta.length;
        double[] g = new double[k];
        double[][] h = new double[k][k];
        double value = model.curvature(theta, g, h);
        double prior = 0;
        for (double t : theta) {
            prior += -0.5 * t * t / (1.5 * 1.5) - Math.log(1.5) - 0.5 * Math.log(2 * Math.PI);
        }
        double expected = directLogLikelihood(theta, java.util.stream.IntStream.range(0, N).toArray()) + prior;
        assertEquals(expected, value, 1e-10 * Math.abs(expected));
        double step = 1e-4;
        for (int i = 0; i < k; i++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[i] += step;
            minus[i] -= step;
            double fd = (model.curvature(plus, null, null) - model.curvature(minus, null, null)) / (2 * step);
            assertEquals(fd, g[i], 1e-5 * Math.max(1, Math.abs(fd)), "gradient " + i);
            double[] gPlus = new double[k];
            double[] gMinus = new double[k];
            model.curvature(plus, gPlus, null);
            model.curvature(minus, gMinus, null);
            for (int j = 0; j < k; j++) {
                double fdHess = -(gPlus[j] - gMinus[j]) / (2 * step);
                assertEquals(fdHess, h[i][j], 1e-5 * Math.max(1, Math.abs(fdHess)), "hessian " + i + "," + j);
            }
        }
    }

    @Test
    void minibatchSumsItsRows() {
        int[] rows = {3, 17, 17, 150, 199};
        double[] theta = {0.1, 0.5, -0.3, 0.9};
        Tensor intercept = Tensor.of(new double[] {theta[0]}, 1);
        Tensor beta = Tensor.of(new double[] {theta[1], theta[2], theta[3]}, 1, D);
        Tensor ll = model.logLikelihood(values(intercept, beta), Minibatch.of(N, rows));
        double expected = directLogLikelihood(theta, rows);
        assertEquals(expected, ll.data()[0], 1e-4 * Math.max(1, Math.abs(expected)));
    }
}
