package org.elbo4j.ppca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.elbo4j.infer.Verdict;
import org.elbo4j.linalg.Covariance;
import org.elbo4j.linalg.Pca;
import org.elbo4j.tensor.kernel.Parallel;
import org.junit.jupiter.api.Test;

/**
 * EM for PPCA: converges to the closed-form log-likelihood (1e-6 relative) on iris, wine and a
 * 300-dimensional synthetic set; the ELBO stays below the exact log-likelihood at every iteration,
 * never decreases, lies between consecutive log-likelihoods, and equals the log-likelihood after
 * each E-step (all to 1e-12 relative); the same seed gives the same fit with 1 or 2 threads.
 */
class PpcaEmTest {

    @Test
    void convergesToTheClosedFormOnRealData() {
        for (String name : new String[] {"iris", "wine"}) {
            // wine in z-scores: on the raw table (proline's variance is 1e5, σ²/λ₁ ≈ 1.6e-4) EM
            // needs tens of thousands of iterations, as EM does when the noise is small
            double[][] x = PpcaTestData.table(name);
            Covariance data = Covariance.of(name.equals("wine") ? standardised(x) : x);
            Pca pca = Pca.of(data);
            for (int q : new int[] {1, 2, 3}) {
                PpcaClosedForm exact = PpcaClosedForm.of(pca, q);
                PpcaEmFit fit = PpcaEm.fit(data, q, 5000, 1e-12, new SplittableRandom(q));
                String at = name + " q=" + q;
                assertEquals(Verdict.CONVERGED, fit.verdict(), at + ": " + fit.reason());
                assertBoundHolds(fit, exact.logLikelihood(), at);
                double l = exact.logLikelihood();
                assertEquals(l, fit.finalLogLikelihood(), 1e-6 * Math.abs(l), at);
                assertEquals(exact.noiseVariance(), fit.model().noiseVariance(), 1e-4 * exact.noiseVariance(), at);
            }
        }
    }

    static double[][] standardised(double[][] x) {
        Covariance c = Covariance.of(x);
        double[] mean = c.mean();
        double[][] s = c.matrix();
        double[][] z = new double[x.length][mean.length];
        for (int r = 0; r < x.length; r++) {
            for (int j = 0; j < mean.length; j++) {
                z[r][j] = (x[r][j] - mean[j]) / Math.sqrt(s[j][j]);
            }
        }
        return z;
    }

    /** Every self-check of the trace, and every ELBO below the closed-form maximum. */
    static void assertBoundHolds(PpcaEmFit fit, double maximum, String at) {
        assertTrue(fit.largestBoundExcess() <= 1e-12, at + ": ELBO above L by " + fit.largestBoundExcess());
        assertTrue(fit.largestAscentShortfall() <= 1e-12, at + ": M-step below L by " + fit.largestAscentShortfall());
        assertTrue(fit.largestEStepGap() <= 1e-12, at + ": E-step gap " + fit.largestEStepGap());
        assertTrue(fit.elbo().largestRelativeDecrease() <= 1e-12, at + ": ELBO decreased");
        double[] elbo = fit.elbo().toArray();
        double[] exact = fit.logLikelihood().toArray();
        double slack = 1e-12 * Math.abs(maximum);
        for (int t = 0; t < elbo.length; t++) {
            assertTrue(elbo[t] <= exact[t] + slack, at + " iteration " + t);
            assertTrue(exact[t] <= maximum + slack, at + " iteration " + t + ": L above the closed form");
            if (t > 0) {
                assertTrue(elbo[t] >= exact[t - 1] - slack, at + " iteration " + t + ": ELBO below the previous L");
            }
        }
        assertTrue(elbo[0] >= fit.initialLogLikelihood() - slack, at);
    }

    /** n points of a rank-k signal in d dimensions plus unit noise; variances k², (k−1)², …. */
    static double[][] synthetic(long seed, int n, int d, int k) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] basis = new double[k][d];
        for (double[] b : basis) {
            for (int i = 0; i < d; i++) {
                b[i] = rng.nextGaussian() / Math.sqrt(d);
            }
        }
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < k; j++) {
                double z = 3 * (k - j) * rng.nextGaussian();
                for (int i = 0; i < d; i++) {
                    row[i] += z * basis[j][i];
                }
            }
            for (int i = 0; i < d; i++) {
                row[i] += rng.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void convergesInHighDimension() {
        Covariance data = Covariance.of(synthetic(5, 400, 300, 4));
        PpcaClosedForm exact = PpcaClosedForm.of(Pca.of(data), 4);
        PpcaEmFit fit = PpcaEm.fit(data, 4, 2000, 1e-13, new SplittableRandom(1));
        assertEquals(Verdict.CONVERGED, fit.verdict(), fit.reason());
        assertBoundHolds(fit, exact.logLikelihood(), "synthetic");
        assertEquals(exact.logLikelihood(), fit.finalLogLikelihood(), 1e-6 * Math.abs(exact.logLikelihood()));
        // the fitted W Wᵀ spans the leading eigenvectors: C matches entrywise
        double[][] c = fit.model().marginalCovariance();
        double[][] expected = exact.model().marginalCovariance();
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c.length; j++) {
                assertEquals(expected[i][j], c[i][j], 1e-3, i + "," + j);
            }
        }
    }

    @Test
    void aBudgetTooSmallEndsInMaxSteps() {
        Covariance data = Covariance.of(PpcaTestData.table("wine"));
        PpcaEmFit fit = PpcaEm.fit(data, 1, 2, 1e-14, new SplittableRandom(3));
        assertEquals(Verdict.MAX_STEPS, fit.verdict());
        assertEquals(2, fit.iterations());
        assertEquals(2, fit.logLikelihood().size());
    }

    @Test
    void sameSeedSameFitForAnyThreadCount() {
        Covariance data = Covariance.of(synthetic(8, 200, 300, 3));
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            PpcaEmFit one = PpcaEm.fit(data, 3, 50, 1e-12, new SplittableRandom(42));
            Parallel.setThreads(2);
            PpcaEmFit two = PpcaEm.fit(data, 3, 50, 1e-12, new SplittableRandom(42));
            assertArrayEquals(one.elbo().toArray(), two.elbo().toArray());
            assertEquals(one.model().noiseVariance(), two.model().noiseVariance(), 0.0);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        Covariance iris = Covariance.of(PpcaTestData.table("iris"));
        SplittableRandom rng = new SplittableRandom(0);
        assertThrows(IllegalArgumentException.class, () -> PpcaEm.fit(iris, 4, 10, 1e-8, rng));
        assertThrows(IllegalArgumentException.class, () -> PpcaEm.fit(iris, 0, 10, 1e-8, rng));
        assertThrows(IllegalArgumentException.class, () -> PpcaEm.fit(iris, 2, 0, 1e-8, rng));
        assertThrows(IllegalArgumentException.class, () -> PpcaEm.fit(iris, 2, 10, -1, rng));
        Covariance constant = Covariance.of(new double[][] {{1, 2}, {1, 2}});
        assertThrows(IllegalArgumentException.class, () -> PpcaEm.fit(constant, 1, 10, 1e-8, rng));
    }
}
