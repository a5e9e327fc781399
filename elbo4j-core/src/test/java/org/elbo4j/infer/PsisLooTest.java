package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.elbo4j.tensor.kernel.Parallel;
import org.junit.jupiter.api.Test;

/**
 * PSIS-LOO against R's {@code loo} 2.5.1 on fixed matrices ({@link LooReference}). The algorithm is
 * loo's (r_eff = 1, tail ⌈min(S/5, 3√S)⌉, Zhang–Stephens fit with its weakly informative prior),
 * so k̂ agrees to 1e−9 and the estimates to 1e−10 relative (measured: both within 1e−12; R printed 15
 * significant digits); what is left is floating-point summation order.
 */
class PsisLooTest {

    private static final double K_TOL = 1e-9;
    private static final double REL_TOL = 1e-10;

    private static void assertTotals(double[] expected, PsisLoo loo) {
        double[] found = {loo.elpdLoo(), loo.elpdLooSe(), loo.pLoo(), loo.pLooSe(), loo.looic(), loo.looicSe()};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], found[i], REL_TOL * Math.max(1, Math.abs(expected[i])), "total " + i);
        }
    }

    private static void assertMatches(double[] totals, double[] elpd, double[] k, PsisLoo loo) {
        assertArrayEquals(k, loo.paretoK(), K_TOL, "k");
        double[] found = loo.pointwiseElpd();
        for (int i = 0; i < elpd.length; i++) {
            assertEquals(elpd[i], found[i], REL_TOL * Math.max(1, Math.abs(elpd[i])), "elpd_" + i);
        }
        assertTotals(totals, loo);
    }

    @Test
    void matchesLooOnPosteriorDrawsWithAnOutlier() {
        PsisLoo loo = PsisLoo.of(LooReference.matrix("normal_400x12.csv"));
        assertMatches(LooReference.NORMAL_TOTALS, LooReference.NORMAL_ELPD, LooReference.NORMAL_K, loo);
        assertEquals(0, loo.paretoKSummary().above());
    }

    @Test
    void matchesLooWhenKIsLarge() {
        PsisLoo loo = PsisLoo.of(LooReference.matrix("outliers_100x10.csv"));
        assertMatches(LooReference.OUTLIERS_TOTALS, LooReference.OUTLIERS_ELPD, LooReference.OUTLIERS_K, loo);
        // loo 2.5.1 prints 6 of 10 over 0.7; with S = 100 the sample-size threshold is 1 − 1/2 = 0.5
        assertEquals(6, loo.paretoKSummary().above());
        assertEquals(0.6, loo.paretoKSummary().fractionAbove(), 1e-15);
        assertEquals(0.5, loo.kThreshold(), 1e-15);
        assertEquals(8, loo.countAbove(0.5));
    }

    @Test
    void matchesLooApproximatePosterior() {
        double[][] ratios = LooReference.matrix("approx_ratios_400.csv");
        double[] logRatios = new double[ratios.length];
        for (int s = 0; s < ratios.length; s++) {
            logRatios[s] = ratios[s][0];
        }
        PsisLoo loo = PsisLoo.of(LooReference.matrix("approx_400x12.csv"), logRatios);
        assertMatches(LooReference.APPROX_TOTALS, LooReference.APPROX_ELPD, LooReference.APPROX_K, loo);
        assertEquals(2, loo.paretoKSummary().above());
    }

    @Test
    void smoothedWeightsAreNormalisedAndAConstantRatioChangesNothing() {
        double[][] ll = LooReference.matrix("normal_400x12.csv");
        PsisLoo plain = PsisLoo.of(ll);
        double[] constant = new double[ll.length];
        java.util.Arrays.fill(constant, -3.7);
        PsisLoo shifted = PsisLoo.of(ll, constant);
        assertEquals(plain.elpdLoo(), shifted.elpdLoo(), 1e-10);
        assertArrayEquals(plain.paretoK(), shifted.paretoK(), 1e-10);
        for (int i = 0; i < plain.observations(); i++) {
            assertEquals(0, Pointwise.logSumExp(plain.logWeights(i)), 1e-12);
        }
        assertEquals(400, plain.draws());
        assertEquals(12, plain.observations());
        assertEquals(0.7, Math.min(1 - 1 / Math.log10(1e4), 0.7), 0);
        assertEquals(1 - 1 / Math.log10(400), plain.kThreshold(), 1e-15);
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        // 70 observations = 3 blocks of 32, so two threads really split the work
        double[][] ll = new double[200][70];
        java.util.SplittableRandom r = new java.util.SplittableRandom(9);
        for (double[] row : ll) {
            for (int i = 0; i < row.length; i++) {
                row[i] = -r.nextDouble() * (1 + i % 7);
            }
        }
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            PsisLoo one = PsisLoo.of(ll);
            Parallel.setThreads(2);
            PsisLoo two = PsisLoo.of(ll);
            assertArrayEquals(one.pointwiseElpd(), two.pointwiseElpd(), 0);
            assertArrayEquals(one.paretoK(), two.paretoK(), 0);
            assertArrayEquals(one.logWeights(69), two.logWeights(69), 0);
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void refusesBadInput() {
        double[][] ll = LooReference.matrix("normal_400x12.csv");
        assertThrows(IllegalArgumentException.class, () -> PsisLoo.of(java.util.Arrays.copyOf(ll, 24)));
        assertThrows(IllegalArgumentException.class, () -> PsisLoo.of(null));
        double[][] ragged = ll.clone();
        ragged[3] = new double[5];
        assertThrows(IllegalArgumentException.class, () -> PsisLoo.of(ragged));
        double[][] nan = ll.clone();
        nan[7] = ll[7].clone();
        nan[7][2] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> PsisLoo.of(nan));
        assertThrows(IllegalArgumentException.class, () -> PsisLoo.of(ll, new double[399]));
        double[] allNegInf = new double[400];
        java.util.Arrays.fill(allNegInf, Double.NEGATIVE_INFINITY);
        assertThrows(IllegalArgumentException.class, () -> PsisLoo.of(ll, allNegInf));
        assertThrows(IllegalArgumentException.class, () -> PsisLoo.of(ll).logWeights(12));
    }
}
