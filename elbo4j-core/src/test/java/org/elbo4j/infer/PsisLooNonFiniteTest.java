package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link PsisLoo#nonFiniteCount} on draws like those of a diverged fit: σ = exp(8 z), z ~ N(0, 1),
 * so the log-likelihood −log σ − y²/(2σ²) of an observation y ≠ 0 reaches −1e14 and beyond
 * (finite, but the Pareto fit of its ratios fails: k̂ and elpd_loo,i come out NaN); y = 0 keeps a
 * finite, large k̂. Observed with this seed: k̂ = (2.72, NaN, NaN).
 */
class PsisLooNonFiniteTest {

    static double[][] divergedDraws() {
        SplittableRandom r = new SplittableRandom(1);
        double[][] ll = new double[100][3];
        for (double[] row : ll) {
            double sigma = Math.exp(8 * r.nextGaussian());
            for (int i = 0; i < 3; i++) {
                row[i] = -Math.log(sigma) - 0.5 * i * i / (sigma * sigma);
            }
        }
        return ll;
    }

    @Test
    void countsObservationsWhoseKOrElpdIsNotFinite() {
        PsisLoo loo = PsisLoo.of(divergedDraws());
        double[] k = loo.paretoK();
        double[] elpd = loo.pointwiseElpd();
        assertTrue(k[0] > 0.7 && Double.isFinite(elpd[0]), "k " + k[0] + " elpd " + elpd[0]);
        assertTrue(Double.isNaN(k[1]) && Double.isNaN(k[2]) && Double.isNaN(elpd[1]) && Double.isNaN(elpd[2]));
        assertEquals(2, loo.nonFiniteCount());
        assertEquals(1, loo.countAbove(0.7), "a NaN k̂ is not counted above 0.7");
        assertTrue(Double.isNaN(loo.elpdLoo()));
    }

    @Test
    void finiteDrawsHaveNone() {
        SplittableRandom r = new SplittableRandom(2);
        double[][] ll = new double[100][4];
        for (double[] row : ll) {
            double mu = 0.1 * r.nextGaussian();
            for (int i = 0; i < 4; i++) {
                row[i] = -0.5 * (i - mu) * (i - mu);
            }
        }
        assertEquals(0, PsisLoo.of(ll).nonFiniteCount());
    }
}
