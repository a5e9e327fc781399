package org.elbo4j.bayes.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.elbo4j.tensor.kernel.Simd;
import org.junit.jupiter.api.Test;

/**
 * {@link LogisticLikelihood#curvature}, {@link LogisticExpectations#expectations} and
 * {@link LogisticLikelihood#logLikelihoods} against {@link LogisticKernelReference} (one row at a
 * time, plain sums) for d = 1, 2, 3, 17, 101 with and without an intercept, N = 1003 rows (not a
 * multiple of any block or tile); and the same bits on repeated calls, with the Vector API forced
 * (at this N the work thresholds choose the scalar loops) and switched off (the scalar loops
 * compute the same chains).
 *
 * <p>Tolerances: values within 1e-12 × Σ_n |ℓ_n| (ℓ_n ≤ 0, so that is |ℓ|); gradient and Hessian
 * entries within 1e-12 × the sum of the absolute values of their terms (both sides' rounding is of
 * order N·2⁻⁵³ ≈ 1e-13 of that at most; measured below 1e-15). For the expectations, s_n enters the
 * quadrature through a square root, so its rounding moves each row's terms by about the same relative
 * amount: the same tolerances hold.
 */
class LogisticKernelAgreementTest {

    private static final int N = 1003;
    private static final int[] DIMS = {1, 2, 3, 17, 101};

    private record Data(double[] x, double[] y, int features) {
    }

    private static Data data(long seed, int features) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[N * features];
        double[] y = new double[N];
        for (int n = 0; n < N; n++) {
            double eta = 0.2;
            for (int j = 0; j < features; j++) {
                double v = (rng.nextDouble(-1, 1) + rng.nextDouble(-1, 1)) / Math.sqrt(features);
                x[n * features + j] = v;
                eta += (j % 2 == 0 ? 1.5 : -1) * v;
            }
            y[n] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        return new Data(x, y, features);
    }

    private static double[] vector(SplittableRandom rng, int d, double scale) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = scale * rng.nextDouble(-1, 1);
        }
        return v;
    }

    private static void assertClose(double[] expected, double[] actual, double[] abs, String what) {
        for (int a = 0; a < expected.length; a++) {
            assertEquals(expected[a], actual[a], 1e-12 * abs[a] + 1e-300, what + " [" + a + "]");
        }
    }

    /**
     * Runs {@code call} as chosen by the work thresholds (the scalar loops at this N), with the
     * Vector API forced (thresholds 0, when available) and with it off; asserts equal bits; returns
     * the first result.
     */
    private static double[] bothPaths(java.util.function.Supplier<double[]> call) {
        double[] first = call.get();
        assertArrayEquals(first, call.get(), "the same bits on a repeated call");
        long gram = GramKernel.vectorWork;
        long predictor = PredictorKernel.vectorWork;
        GramKernel.vectorWork = 0;
        PredictorKernel.vectorWork = 0;
        try {
            assertArrayEquals(first, call.get(), "the same bits with the Vector API forced");
        } finally {
            GramKernel.vectorWork = gram;
            PredictorKernel.vectorWork = predictor;
        }
        if (Simd.enabled()) {
            Simd.setEnabled(false);
            try {
                assertArrayEquals(first, call.get(), "the same bits without the Vector API");
            } finally {
                Simd.setEnabled(true);
            }
        }
        return first;
    }

    /** value, gradient, Hessian rows, flattened. */
    private static double[] flat(double value, double[] g, double[][] h) {
        int d = g.length;
        double[] out = new double[1 + d + d * d];
        out[0] = value;
        System.arraycopy(g, 0, out, 1, d);
        for (int a = 0; a < d; a++) {
            System.arraycopy(h[a], 0, out, 1 + d + a * d, d);
        }
        return out;
    }

    private static void assertFlatClose(double value, double[] g, double[][] h, double[] gAbs, double[][] hAbs,
            double[] got, String what) {
        int d = g.length;
        assertEquals(value, got[0], 1e-12 * Math.abs(value), what + " value");
        assertClose(g, java.util.Arrays.copyOfRange(got, 1, 1 + d), gAbs, what + " gradient");
        for (int a = 0; a < d; a++) {
            assertClose(h[a], java.util.Arrays.copyOfRange(got, 1 + d + a * d, 1 + d + (a + 1) * d), hAbs[a],
                    what + " Hessian row " + a);
        }
    }

    @Test
    void curvatureMatchesTheRowByRowReference() {
        for (int dim : DIMS) {
            for (boolean intercept : new boolean[] {true, false}) {
                int features = intercept ? Math.max(1, dim - 1) : dim;
                int d = features + (intercept ? 1 : 0);
                Data data = data(100 + dim, features);
                LogisticLikelihood lik = new LogisticLikelihood(data.x(), data.y(), features);
                double[] theta = vector(new SplittableRandom(dim), d, 1.5);
                double[] g = new double[d];
                double[][] h = new double[d][d];
                double[] gAbs = new double[d];
                double[][] hAbs = new double[d][d];
                double value = LogisticKernelReference.curvature(data.x(), data.y(), features, theta, intercept, g, h,
                        gAbs, hAbs);
                double[] got = bothPaths(() -> {
                    double[] gg = new double[d];
                    double[][] hh = new double[d][d];
                    return flat(lik.curvature(theta, intercept, gg, hh), gg, hh);
                });
                String what = "curvature d=" + d + (intercept ? " with intercept" : "");
                assertFlatClose(value, g, h, gAbs, hAbs, got, what);
                double[] gOnly = new double[d];
                assertEquals(got[0], lik.curvature(theta, intercept, gOnly, null), 0.0, what + " value without H");
                assertArrayEquals(java.util.Arrays.copyOfRange(got, 1, 1 + d), gOnly, what + " gradient without H");
                assertEquals(got[0], lik.curvature(theta, intercept, null, null), 0.0, what + " value alone");
            }
        }
    }

    @Test
    void expectationsMatchTheRowByRowReference() {
        for (int dim : DIMS) {
            for (boolean intercept : new boolean[] {true, false}) {
                int features = intercept ? Math.max(1, dim - 1) : dim;
                int d = features + (intercept ? 1 : 0);
                Data data = data(200 + dim, features);
                LogisticExpectations exp = new LogisticLikelihood(data.x(), data.y(), features).expectations();
                SplittableRandom rng = new SplittableRandom(dim + 7);
                double[] mean = vector(rng, d, 1.0);
                double[][] lower = new double[d][d];
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < a; b++) {
                        lower[a][b] = 0.3 * rng.nextDouble(-1, 1) / Math.sqrt(d);
                    }
                    lower[a][a] = 0.2 + 0.3 * rng.nextDouble();
                    for (int b = a + 1; b < d; b++) {
                        lower[a][b] = 99; // the upper triangle must not be read
                    }
                }
                double[] g = new double[d];
                double[][] h = new double[d][d];
                double[] gAbs = new double[d];
                double[][] hAbs = new double[d][d];
                double[][] lowerOnly = new double[d][d];
                for (int a = 0; a < d; a++) {
                    System.arraycopy(lower[a], 0, lowerOnly[a], 0, a + 1);
                }
                double value = LogisticKernelReference.expectations(data.x(), data.y(), features, mean, lowerOnly,
                        intercept, g, h, gAbs, hAbs);
                double[] got = bothPaths(() -> {
                    double[] gg = new double[d];
                    double[][] hh = new double[d][d];
                    return flat(exp.expectations(mean, lower, intercept, gg, hh), gg, hh);
                });
                String what = "expectations d=" + d + (intercept ? " with intercept" : "");
                assertFlatClose(value, g, h, gAbs, hAbs, got, what);
                assertEquals(got[0], exp.expectations(mean, lower, intercept, null, null), 0.0, what + " value alone");
            }
        }
    }

    @Test
    void logLikelihoodsAtManyPointsMatchTheRowByRowReference() {
        for (int dim : DIMS) {
            for (boolean intercept : new boolean[] {true, false}) {
                int features = intercept ? Math.max(1, dim - 1) : dim;
                int d = features + (intercept ? 1 : 0);
                Data data = data(300 + dim, features);
                LogisticLikelihood lik = new LogisticLikelihood(data.x(), data.y(), features);
                int k = 21; // a group of 16 and one of 5 (a full tile of 4 and a partial one)
                double[] points = vector(new SplittableRandom(dim + 3), k * d, 1.0);
                double[] values = bothPaths(() -> {
                    double[] v = new double[k];
                    lik.logLikelihoods(points, k, intercept, v, null);
                    return v;
                });
                double[] withGradients = new double[k];
                double[] gradients = new double[k * d];
                lik.logLikelihoods(points, k, intercept, withGradients, gradients);
                assertArrayEquals(values, withGradients, "values with and without gradients");
                for (int p = 0; p < k; p++) {
                    double[] theta = java.util.Arrays.copyOfRange(points, p * d, (p + 1) * d);
                    double[] g = new double[d];
                    double[] gAbs = new double[d];
                    double value = LogisticKernelReference.curvature(data.x(), data.y(), features, theta, intercept, g,
                            new double[d][d], gAbs, new double[d][d]);
                    String what = "logLikelihoods d=" + d + " point " + p + (intercept ? " with intercept" : "");
                    assertEquals(value, values[p], 1e-12 * Math.abs(value), what);
                    assertClose(g, java.util.Arrays.copyOfRange(gradients, p * d, (p + 1) * d), gAbs, what);
                }
            }
        }
    }
}
