package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * PSIS-LOO against exact leave-one-out in the conjugate model y_i ~ N(μ, 1), μ ~ N(0, τ² = 100),
 * N = 20 (one outlier): leaving y_i out, μ | y_−i ~ N(m_−i, v_−i) with v_−i = 1/(1/τ² + N − 1),
 * m_−i = v_−i Σ_{j≠i} y_j, so p(y_i | y_−i) = N(y_i; m_−i, 1 + v_−i) and
 * elpd_loo = Σ_i log N(y_i; m_−i, 1 + v_−i) exactly (the N refits done analytically).
 *
 * <p>With S = 2000 draws the Monte Carlo sd of the PSIS estimate was measured at 0.065 over 10
 * seeds (posterior draws) and 0.02 (draws from q, 1.5× wider, with log p/q); the tolerance 0.35 is
 * over 5 sd: false-failure rate &lt; 1e−6 for a fresh seed. lppd differs from the exact elpd_loo
 * by about p_loo ≈ 2.5, so an estimator that ignored the leave-one-out step would fail.
 */
class PsisLooClosedFormTest {

    private static final int N = 20;
    private static final int S = 2000;
    private static final double TAU2 = 100;
    private static final double TOL = 0.35;

    private final double[] y = new double[N];
    private final double exact;
    private final double postMean;
    private final double postVar;

    PsisLooClosedFormTest() {
        Rng r = Rng.of(1);
        for (int i = 0; i < N; i++) {
            y[i] = 1.5 + r.nextGaussian();
        }
        y[N - 1] = 5.0;
        double sum = 0;
        for (double v : y) {
            sum += v;
        }
        double e = 0;
        for (int i = 0; i < N; i++) {
            double v = 1 / (1 / TAU2 + N - 1);
            double m = v * (sum - y[i]);
            e += logNormal(y[i], m, 1 + v);
        }
        exact = e;
        postVar = 1 / (1 / TAU2 + N);
        postMean = postVar * sum;
    }

    private static double logNormal(double x, double mean, double var) {
        return -0.5 * Math.log(2 * Math.PI * var) - 0.5 * (x - mean) * (x - mean) / var;
    }

    private double[] logLikRow(double mu) {
        double[] row = new double[N];
        for (int i = 0; i < N; i++) {
            row[i] = logNormal(y[i], mu, 1);
        }
        return row;
    }

    @Test
    void posteriorDrawsGiveTheExactLeaveOneOutElpd() {
        Rng g = Rng.of(100);
        double[][] ll = new double[S][];
        for (int s = 0; s < S; s++) {
            ll[s] = logLikRow(postMean + Math.sqrt(postVar) * g.nextGaussian());
        }
        PsisLoo loo = PsisLoo.of(ll);
        assertEquals(exact, loo.elpdLoo(), TOL);
        assertTrue(loo.lppd() - exact > 1.5, "lppd is not elpd_loo: " + (loo.lppd() - exact));
        assertTrue(loo.paretoKSummary().max() < 0.7);
    }

    @Test
    void drawsFromAnApproximationWithTheirRatiosGiveTheExactElpd() {
        Rng g = Rng.of(101);
        double sdQ = 1.5 * Math.sqrt(postVar);
        double[][] ll = new double[S][];
        double[] logRatios = new double[S];
        for (int s = 0; s < S; s++) {
            double mu = postMean + sdQ * g.nextGaussian();
            ll[s] = logLikRow(mu);
            double logJoint = logNormal(mu, 0, TAU2) + Pointwise.sum(ll[s]);
            logRatios[s] = logJoint - logNormal(mu, postMean, sdQ * sdQ);
        }
        assertEquals(exact, PsisLoo.of(ll, logRatios).elpdLoo(), TOL);
    }
}
