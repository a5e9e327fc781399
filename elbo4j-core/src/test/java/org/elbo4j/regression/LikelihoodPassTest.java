package org.elbo4j.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.elbo4j.formula.Formula;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Families;
import org.junit.jupiter.api.Test;

/**
 * The column passes ({@link LikelihoodPass}: {@link RegressionModel#logDensities}, and
 * {@link RegressionModel#curvature} without a Hessian) against the row-by-row pass ({@link RowPass}:
 * {@link RegressionModel#curvature} with one), on {@link RegressionModelTest#CASES} (every family;
 * correlated, crossed and nested group terms; an offset): ℓ to 1e-12 and ∇ℓ to 1e-10 relative to max(1, |value|) (the two
 * differ only in the order of their sums and, for bernoulli, by a few ulp per row); K = 3 points at
 * once give each point's own numbers; the pointwise log-likelihood sums to ℓ minus ℓ on no rows
 * (the prior terms alone), to 1e-12. And calls from several threads at once give the bits of one
 * thread.
 */
class LikelihoodPassTest {

    private static void check(String formula, String family, long seed) {
        RegressionModel m = RegressionModel.of(ModelFrame.of(Formula.parse(formula), RegressionModelTest.DATA),
                Families.parse(family), null);
        int d = m.dim();
        int k = 3;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] points = new double[k * d];
        for (int i = 0; i < points.length; i++) {
            points[i] = rng.nextDouble() - 0.5;
        }
        double[] values = new double[k];
        double[] grads = new double[k * d];
        m.logDensities(points, k, values, grads);
        for (int p = 0; p < k; p++) {
            double[] u = java.util.Arrays.copyOfRange(points, p * d, (p + 1) * d);
            double[] g = new double[d];
            double value = m.curvature(u, g, new double[d][d]);
            String what = formula + " " + family + " point " + p;
            assertEquals(value, values[p], 1e-12 * Math.max(1, Math.abs(value)), what + " value");
            double[] g2 = new double[d];
            assertEquals(value, m.curvature(u, g2, null), 1e-12 * Math.max(1, Math.abs(value)), what + " value");
            double[] pointwise = new double[m.observationCount()];
            m.pointwiseLogLikelihood(u, pointwise);
            double[] priorOnly = new double[1];
            m.logDensities(u, 1, new int[0], 1, priorOnly, null);
            assertEquals(value - priorOnly[0], java.util.Arrays.stream(pointwise).sum(),
                    1e-12 * Math.max(1, Math.abs(value)), what + " pointwise sum");
            for (int c = 0; c < d; c++) {
                assertEquals(g[c], grads[p * d + c], 1e-10 * Math.max(1, Math.abs(g[c])), what + " grad " + c);
                assertEquals(g[c], g2[c], 1e-10 * Math.max(1, Math.abs(g[c])), what + " grad " + c);
            }
        }
    }

    /**
     * The pass keeps its work vectors between calls; calls from 4 threads at once (the evidence
     * pass may run on threads) give every point the same bits as one thread evaluating them in turn.
     */
    @Test
    void concurrentCallsGiveTheSequentialBits() throws Exception {
        RegressionModel m = RegressionModel.of(ModelFrame.of(Formula.parse("yb ~ x + (1 + x | g)"),
                RegressionModelTest.DATA), Families.parse("bernoulli"), null);
        int d = m.dim();
        int points = 64;
        SplittableRandom rng = new SplittableRandom(11);
        double[][] u = new double[points][d];
        for (double[] row : u) {
            for (int c = 0; c < d; c++) {
                row[c] = rng.nextDouble() - 0.5;
            }
        }
        double[][] expected = new double[points][d + 1];
        for (int p = 0; p < points; p++) {
            expected[p][d] = m.curvature(u[p], expected[p], null);
        }
        double[][] got = new double[points][d + 1];
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<?>> jobs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                jobs.add(pool.submit(() -> {
                    for (int rep = 0; rep < 20; rep++) {
                        for (int p = first; p < points; p += 4) {
                            got[p][d] = m.curvature(u[p], got[p], null);
                        }
                    }
                }));
            }
            for (java.util.concurrent.Future<?> j : jobs) {
                j.get();
            }
        } finally {
            pool.shutdown();
        }
        for (int p = 0; p < points; p++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected[p], got[p], 0.0, "point " + p);
        }
    }

    @Test
    void columnPassesEqualTheRowPass() {
        for (int c = 0; c < RegressionModelTest.CASES.length; c++) {
            check(RegressionModelTest.CASES[c][0], RegressionModelTest.CASES[c][1], c + 1);
        }
    }
}
