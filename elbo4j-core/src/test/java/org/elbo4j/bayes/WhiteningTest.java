package org.elbo4j.bayes;

import static org.elbo4j.bayes.GaussianGuideGradientTest.EXACT_TOL;
import static org.elbo4j.bayes.GaussianGuideGradientTest.FD_TOL;
import static org.elbo4j.bayes.GaussianGuideGradientTest.H;
import static org.elbo4j.bayes.GaussianGuideGradientTest.close;
import static org.elbo4j.bayes.GaussianGuideGradientTest.dot;
import static org.elbo4j.bayes.GaussianGuideGradientTest.gaussian;
import static org.elbo4j.bayes.GaussianGuideGradientTest.names;
import static org.elbo4j.bayes.GaussianGuideGradientTest.randomGuide;
import static org.elbo4j.bayes.GaussianGuideGradientTest.times;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Whitening} (map, pull-back and the mapped Gaussian, by finite differences and closed
 * forms), with the helpers and tolerances of {@link GaussianGuideGradientTest}. The Adam update
 * that used to be tested here is {@code optim.AdamUpdate}, tested in {@code optim.AdamUpdateTest}.
 */
class WhiteningTest {

    /** A lower-triangular factor with positive diagonal and non-zero entries above it (to be ignored). */
    private static double[][] randomFactor(Rng rng, int d) {
        double[][] f = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                f[i][j] = 0.6 * rng.nextGaussian();
            }
            f[i][i] = Math.exp(rng.nextDouble() - 0.5);
        }
        return f;
    }

    /** The factor Whitening should use: lower triangle, or only the diagonal. */
    private static double[][] effective(double[][] f, boolean diagonal) {
        int d = f.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = diagonal ? i : 0; j <= i; j++) {
                l[i][j] = f[i][j];
            }
        }
        return l;
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void whiteningMapAndPullBackAreConsistent(boolean diagonal) {
        int d = 4;
        Rng rng = Rng.of(diagonal ? 91 : 92);
        double[] shift = gaussian(rng, d);
        double[][] f = randomFactor(rng, d);
        double[][] l = effective(f, diagonal);
        Whitening w = Whitening.of(shift, f, diagonal);
        double expectedLogDet = 0;
        for (int i = 0; i < d; i++) {
            expectedLogDet += Math.log(f[i][i]);
        }
        close(expectedLogDet, w.logDet(), EXACT_TOL, "logDet");

        double[] v = gaussian(rng, d);
        double[] u = new double[d];
        w.map(v, u);
        double[] lv = times(l, v);
        for (int i = 0; i < d; i++) {
            close(shift[i] + lv[i], u[i], EXACT_TOL, "map[" + i + "]");
        }

        double[] gu = gaussian(rng, d);
        double[] gv = new double[d];
        w.pullBack(gu, gv);
        double[] tmp = new double[d];
        for (int j = 0; j < d; j++) {
            double[] vp = v.clone();
            double[] vm = v.clone();
            vp[j] += H;
            vm[j] -= H;
            w.map(vp, tmp);
            double up = dot(gu, tmp);
            w.map(vm, tmp);
            double down = dot(gu, tmp);
            close((up - down) / (2 * H), gv[j], FD_TOL, "pullBack by differences [" + j + "]");
            double ltg = 0;
            for (int i = 0; i < d; i++) {
                ltg += l[i][j] * gu[i];
            }
            close(ltg, gv[j], EXACT_TOL, "pullBack = L₀ᵀ gu [" + j + "]");
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void whiteningMapsAGaussian(boolean diagonal) {
        int d = 4;
        Rng rng = Rng.of(diagonal ? 93 : 94);
        double[] shift = gaussian(rng, d);
        double[][] f = randomFactor(rng, d);
        double[][] l = effective(f, diagonal);
        Whitening w = Whitening.of(shift, f, diagonal);
        UnconstrainedGaussian q = randomGuide(GuideFamily.FULL_RANK, 95).snapshot(names(d));
        UnconstrainedGaussian mapped = w.map(q, names(d));
        double[] mu = q.mean();
        double[][] sigma = q.covariance();
        double[] lmu = times(l, mu);
        for (int i = 0; i < d; i++) {
            close(shift[i] + lmu[i], mapped.mean()[i], EXACT_TOL, "mapped mean[" + i + "]");
        }
        double[][] cov = mapped.covariance();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        s += l[i][a] * sigma[a][b] * l[j][b];
                    }
                }
                close(s, cov[i][j], EXACT_TOL, "mapped cov[" + i + "][" + j + "]");
            }
        }
        assertEquals(names(d), mapped.coordinateNames());
    }

    @Test
    void whiteningRejectsANonPositiveDiagonal() {
        double[] shift = {0, 0, 0};
        for (double bad : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            for (boolean diagonal : new boolean[] {true, false}) {
                double[][] f = {{1, 0, 0}, {0.2, bad, 0}, {0.1, 0.3, 2}};
                assertThrows(IllegalArgumentException.class, () -> Whitening.of(shift, f, diagonal),
                        "diagonal entry " + bad + " (diagonal=" + diagonal + ")");
            }
        }
    }

    @Test
    void whiteningCopiesItsInputs() {
        double[] shift = {1, 2};
        double[][] f = {{2, 0}, {0.5, 3}};
        Whitening w = Whitening.of(shift, f, false);
        shift[0] = 100;
        f[1][0] = 100;
        double[] u = new double[2];
        w.map(new double[] {1, 1}, u);
        assertArrayEquals(new double[] {3, 5.5}, u, 1e-15);
    }
}
