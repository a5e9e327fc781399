package org.elbo4j.bayes.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.bayes.GaussianExpectations;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * The derivatives of {@link GaussianExpectations} against central finite differences of its own
 * value E(m, L) = E_q[ℓ], q = N(m, L Lᵀ): g = ∂E/∂m, and P through ∂E/∂L = 2 (∂E/∂S) L = −P L
 * (P = −2 ∂E/∂S, S = L Lᵀ) on the lower triangle, for the logistic model (quadrature: rows on
 * several Gauss–Hermite tiers and the composite rule, whose switch adds at most ~1e−11/h) and the
 * conjugate linear model (closed form). Step h = 1e−5; tolerance 1e−6 relative to max(1, |derivative|)
 * (truncation error ~h² · third derivative, about 1e−9 here). Deterministic, no sampling.
 */
class GaussianExpectationsGradientTest {

    private static final int N = 150;
    private static final int D = 3;
    private static final double H = 1e-5;

    private final double[][] x = new double[N][D];
    private final double[] yBinary = new double[N];
    private final double[] yReal = new double[N];

    GaussianExpectationsGradientTest() {
        Rng rng = Rng.of(11);
        for (int n = 0; n < N; n++) {
            for (int j = 0; j < D; j++) {
                x[n][j] = rng.nextGaussian() * (1 + j);
            }
            yBinary[n] = rng.nextDouble() < 0.45 ? 1 : 0;
            yReal[n] = rng.nextGaussian();
        }
    }

    @Test
    void logisticDerivativesMatchFiniteDifferences() {
        check(LogisticRegression.of(x, yBinary, 1.5, true), 0.4);
    }

    @Test
    void logisticWithoutInterceptAndWideQMatchFiniteDifferences() {
        check(LogisticRegression.of(x, yBinary, 2.0, false), 0.9);
    }

    /** d = 7 and d = 6: two blocks of four coordinates in the Lᵀz and z zᵀ kernels, one of them partial. */
    @Test
    void logisticWithSeveralCoordinateBlocksMatchesFiniteDifferences() {
        Rng rng = Rng.of(12);
        double[][] wide = new double[N][6];
        for (double[] row : wide) {
            for (int j = 0; j < 6; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        check(LogisticRegression.of(wide, yBinary, 1.0, true), 0.3);
        check(LogisticRegression.of(wide, yBinary, 1.0, false), 0.3);
    }

    @Test
    void conjugateLinearDerivativesMatchFiniteDifferences() {
        check(ConjugateLinearRegression.of(x, yReal, 0.7, 1.5, true), 0.3);
    }

    /** FD checks of g and P at a fixed mean and a lower factor with diagonal {@code scale}. */
    private static void check(GaussianExpectations model, double scale) {
        int d = model instanceof LogisticRegression l ? l.parameters().stream().mapToInt(p -> p.size()).sum()
                : D + 1;
        double[] m = new double[d];
        double[][] lower = new double[d][d];
        for (int i = 0; i < d; i++) {
            m[i] = 0.3 * (i % 2 == 0 ? 1 : -1) * (1 + i) / d;
            lower[i][i] = scale / (1 + i);
            for (int k = 0; k < i; k++) {
                lower[i][k] = 0.1 * scale * (i - k) / d;
            }
        }
        double[] g = new double[d];
        double[][] p = new double[d][d];
        model.expectations(m, lower, g, p);
        for (int i = 0; i < d; i++) {
            double[] up = m.clone();
            double[] down = m.clone();
            up[i] += H;
            down[i] -= H;
            double fd = (model.expectations(up, lower, null, null) - model.expectations(down, lower, null, null))
                    / (2 * H);
            assertEquals(g[i], fd, 1e-6 * Math.max(1, Math.abs(g[i])), "dE/dm_" + i);
        }
        for (int i = 0; i < d; i++) {
            for (int k = 0; k <= i; k++) {
                double pl = 0;
                for (int a = 0; a < d; a++) {
                    pl += p[i][a] * lower[a][k];
                }
                double saved = lower[i][k];
                lower[i][k] = saved + H;
                double fUp = model.expectations(m, lower, null, null);
                lower[i][k] = saved - H;
                double fDown = model.expectations(m, lower, null, null);
                lower[i][k] = saved;
                double fd = (fUp - fDown) / (2 * H);
                assertEquals(-pl, fd, 1e-6 * Math.max(1, Math.abs(pl)), "dE/dL_" + i + k);
            }
        }
    }
}
