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
 * forms) and {@link AdamUpdate} (PyTorch's rule written out, and the gradient clamp), with the
 * helpers and tolerances of {@link GaussianGuideGradientTest}.
 */
class WhiteningAndAdamTest {

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

    // ---------------------------------------------------------------- 8. AdamUpdate

    /**
     * PyTorch's Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e−8, no weight decay), written out:
     * m_t = β₁ m + (1−β₁) g, v_t = β₂ v + (1−β₂) g², m̂ = m_t/(1−β₁ᵗ), v̂ = v_t/(1−β₂ᵗ),
     * λ ← λ − η m̂ / (√v̂ + ε). Two steps, the learning rate changed between them; a tiny gradient
     * component (where ε's placement matters) and a zero one.
     */
    @Test
    void adamTakesPyTorchSteps() {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double[] lambda = {0.5, -1.0, 2.0, 0.0, 3.0};
        double[] g1 = {0.3, -2.0, 1e-9, 0.0, 50.0};
        double[] g2 = {-0.1, -1.5, 3e-9, 0.0, -40.0};
        double[] lrs = {0.1, 0.03};

        double[] expected = lambda.clone();
        double[] m = new double[lambda.length];
        double[] v = new double[lambda.length];
        double[][] grads = {g1, g2};
        double[][] afterStep = new double[2][];
        for (int t = 1; t <= 2; t++) {
            double[] g = grads[t - 1];
            for (int i = 0; i < lambda.length; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                expected[i] -= lrs[t - 1] * mHat / (Math.sqrt(vHat) + eps);
            }
            afterStep[t - 1] = expected.clone();
        }

        AdamUpdate adam = new AdamUpdate(lambda.length, lrs[0], Double.POSITIVE_INFINITY);
        adam.step(lambda, g1.clone());
        for (int i = 0; i < lambda.length; i++) {
            close(afterStep[0][i], lambda[i], 1e-14, "step 1 [" + i + "]");
        }
        adam.setLearningRate(lrs[1]);
        adam.step(lambda, g2.clone());
        for (int i = 0; i < lambda.length; i++) {
            close(afterStep[1][i], lambda[i], 1e-14, "step 2 [" + i + "]");
        }
        // Sanity of the hand-computed first step: |Δ| = η for |g| ≫ ε, η·g/(|g|+ε) for tiny g.
        assertEquals(0.5 - 0.1 * 0.3 / (0.3 + 1e-8), afterStep[0][0], 1e-15);
        assertEquals(2.0 - 0.1 * 1e-9 / (1e-9 + 1e-8), afterStep[0][2], 1e-12);
        assertEquals(0.0, afterStep[1][3], 0.0);
    }

    /** With a clamp c, a gradient entry beyond ±c moves λ exactly as ±c would (Pyro's ClippedAdam). */
    @Test
    void clippedAdamTreatsLargeGradientsAsTheClamp() {
        double[] clipped = {1.0, -1.0, 0.5};
        double[] reference = clipped.clone();
        AdamUpdate withClip = new AdamUpdate(3, 0.05, 10);
        AdamUpdate plain = new AdamUpdate(3, 0.05, Double.POSITIVE_INFINITY);
        double[][] grads = {{1e6, -3.0, -1e4}, {2.0, -50.0, 7.0}};
        double[][] asClamped = {{10, -3.0, -10}, {2.0, -10, 7.0}};
        for (int t = 0; t < 2; t++) {
            withClip.step(clipped, grads[t].clone());
            plain.step(reference, asClamped[t].clone());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(reference[i], clipped[i], 1e-15, "element " + i);
        }
    }
}
