package org.elbo4j.bayes.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.ParameterValues;
import org.elbo4j.bayes.models.LinearRegression.NoisePrior;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The double-precision log density of {@link LinearRegression} ({@code ExactCurvature},
 * {@code SubsampledLogDensity}), deterministic: its value against the model's tensor code
 * (float32, so 1e-5 relative), its gradient against central differences of ℓ and its negative
 * Hessian against central differences of the gradient (step 1e-5, truncation ~1e-10:
 * 1e-6 relative), {@code logDensities} against {@code curvature} (1e-12), and the minibatch ℓ_B
 * against the tensor code on the same rows and against the full data for B = all rows (1e-12).
 */
class LinearRegressionDerivativesTest {

    private static final int N = 80;
    private static final int D = 3;

    private final double[][] x = new double[N][D];
    private final double[] y = new double[N];

    LinearRegressionDerivativesTest() {
        Rng rng = Rng.of(21);
        for (int n = 0; n < N; n++) {
            double eta = 0.4;
            for (int j = 0; j < D; j++) {
                x[n][j] = rng.nextGaussian();
                eta += (j - 1) * x[n][j];
            }
            y[n] = eta + 0.6 * rng.nextGaussian();
        }
    }

    /** The tensor code's log p(D_B, θ) + t (likelihood scaled by N/|B|) at u = [α, β, t]. */
    private double tensor(LinearRegression m, double[] u, Minibatch batch) {
        ParameterValues theta = ParameterValues.of(Map.of("intercept", Tensor.of(new double[] {u[0]}, 1),
                "beta", Tensor.of(new double[] {u[1], u[2], u[3]}, 1, D),
                "sigma", Tensor.of(new double[] {Math.exp(u[4])}, 1)));
        return m.logPrior(theta).item() + batch.scale() * m.logLikelihood(theta, batch).item() + u[4];
    }

    @Test
    void valueGradientAndHessianAgreeWithTheTensorCodeAndDifferences() {
        for (NoisePrior prior : NoisePrior.values()) {
            LinearRegression m = LinearRegression.of(x, y, 2.0, prior, 0.7, true);
            double[] u = {0.2, 0.7, -0.4, 0.1, -0.3};
            double[] g = new double[5];
            double[][] h = new double[5][5];
            double v = m.curvature(u, g, h);
            double t = tensor(m, u, Minibatch.full(N));
            assertEquals(t, v, 1e-5 * Math.abs(v), prior + " value");
            for (int i = 0; i < 5; i++) {
                double[] up = u.clone();
                double[] um = u.clone();
                up[i] += 1e-5;
                um[i] -= 1e-5;
                double[] gp = new double[5];
                double[] gm = new double[5];
                double fd = (m.curvature(up, gp, null) - m.curvature(um, gm, null)) / 2e-5;
                assertEquals(fd, g[i], 1e-6 * (1 + Math.abs(fd)), prior + " gradient " + i);
                for (int j = 0; j < 5; j++) {
                    double fh = -(gp[j] - gm[j]) / 2e-5;
                    assertEquals(fh, h[i][j], 1e-6 * (1 + Math.abs(fh)), prior + " hessian " + i + "," + j);
                }
            }
            double[] points = {0.2, 0.7, -0.4, 0.1, -0.3, -1, 0.5, 0.5, 2, 0.4};
            double[] values = new double[2];
            double[] grads = new double[10];
            m.logDensities(points, 2, values, grads);
            for (int p = 0; p < 2; p++) {
                double[] gp = new double[5];
                double vp = m.curvature(java.util.Arrays.copyOfRange(points, p * 5, p * 5 + 5), gp, null);
                assertEquals(vp, values[p], 1e-12 * Math.abs(vp));
                for (int i = 0; i < 5; i++) {
                    assertEquals(gp[i], grads[p * 5 + i], 1e-12 * (1 + Math.abs(gp[i])));
                }
            }
        }
    }

    @Test
    void aMinibatchIsTheScaledSumOverItsRows() {
        LinearRegression m = LinearRegression.of(x, y, 2.0, NoisePrior.LOG_NORMAL, 0.7, true);
        double[] u = {0.2, 0.7, -0.4, 0.1, -0.3};
        int[] rows = {5, 17, 3, 60, 79, 0, 41};
        double[] value = new double[1];
        double[] grad = new double[5];
        m.logDensities(u, 1, rows, (double) N / rows.length, value, grad);
        double t = tensor(m, u, Minibatch.of(N, rows));
        assertEquals(t, value[0], 1e-5 * Math.abs(t));
        int[] all = java.util.stream.IntStream.range(0, N).toArray();
        double[] full = new double[1];
        double[] fullGrad = new double[5];
        m.logDensities(u, 1, all, 1, full, fullGrad);
        double[] g = new double[5];
        double v = m.curvature(u, g, null);
        assertEquals(v, full[0], 1e-12 * Math.abs(v));
        for (int i = 0; i < 5; i++) {
            assertEquals(g[i], fullGrad[i], 1e-12 * (1 + Math.abs(g[i])));
        }
        assertThrows(IllegalArgumentException.class, () -> m.logDensities(u, 1, new int[] {N}, 1, value, grad));
    }
}
