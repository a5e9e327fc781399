package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.elbo4j.random.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hand-written derivatives and closed forms of the double-precision Gaussian guides
 * ({@link MeanFieldGuide} d = 4, {@link FullRankGuide} d = 4, {@link LowRankGuide} d = 5, R = 2),
 * with every parameter set to a seeded random value (locations N(0, 1), off-diagonal / factor
 * entries N(0, 0.7²), log-scales U(−0.5, 0.5)) so that off-diagonal terms matter, and of
 * {@link WhiteningTest} covers {@link Whitening} ({@code optim.AdamUpdateTest} the Adam update). Everything
 * is deterministic.
 *
 * <p>Tolerances:
 * <ul>
 *   <li>derivatives against central differences with step h = 1e−6: {@code |a − b| ≤ 1e−6 (1 + |b|)}
 *       (truncation error is O(h²) ≈ 1e−12, rounding O(1e−16 / h) ≈ 1e−10 for values of order 1);</li>
 *   <li>closed forms and identities computed in the test without main code (own Cholesky, own
 *       Gauss–Jordan inverse): {@code |a − b| ≤ 1e−10 (1 + |b|)};</li>
 * </ul>
 */
class GaussianGuideGradientTest {

    static final double H = 1e-6;
    static final double FD_TOL = 1e-6;
    static final double EXACT_TOL = 1e-10;

    // ---------------------------------------------------------------- fixtures

    /** The guide of a family with seeded random parameters. */
    static GaussianGuide randomGuide(GuideFamily family, long seed) {
        Rng rng = Rng.of(seed);
        GaussianGuide g;
        int d;
        switch (family) {
            case MEAN_FIELD -> {
                d = 4;
                g = MeanFieldGuide.of(new double[d], 1.0);
                double[] p = g.params();
                for (int i = 0; i < d; i++) {
                    p[i] = rng.nextGaussian();
                    p[d + i] = rng.nextDouble() - 0.5;
                }
            }
            case FULL_RANK -> {
                d = 4;
                g = FullRankGuide.of(new double[d], 1.0);
                double[] p = g.params();
                for (int i = 0; i < d; i++) {
                    p[i] = rng.nextGaussian();
                    int row = d + i * (i + 1) / 2;
                    for (int j = 0; j < i; j++) {
                        p[row + j] = 0.7 * rng.nextGaussian();
                    }
                    p[row + i] = rng.nextDouble() - 0.5;
                }
            }
            case LOW_RANK -> {
                d = 5;
                int r = 2;
                g = LowRankGuide.of(new double[d], r, rng, 1.0);
                double[] p = g.params();
                for (int i = 0; i < d; i++) {
                    p[i] = rng.nextGaussian();
                }
                for (int i = 0; i < d * r; i++) {
                    p[d + i] = 0.7 * rng.nextGaussian();
                }
                for (int i = 0; i < d; i++) {
                    p[d + d * r + i] = rng.nextDouble() - 0.5;
                }
            }
            default -> throw new IllegalArgumentException(family.toString());
        }
        return g;
    }

    static List<String> names(int d) {
        List<String> n = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            n.add("v[" + i + "]");
        }
        return n;
    }

    static double[] gaussian(Rng rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    /** Central difference of f in λ_k, restoring λ. */
    private static double centralDifference(GaussianGuide g, int k, ToDoubleFunction<GaussianGuide> f) {
        double[] p = g.params();
        double saved = p[k];
        p[k] = saved + H;
        double up = f.applyAsDouble(g);
        p[k] = saved - H;
        double down = f.applyAsDouble(g);
        p[k] = saved;
        return (up - down) / (2 * H);
    }

    static void close(double expected, double actual, double tol, String what) {
        assertEquals(expected, actual, tol * (1 + Math.abs(expected)), what);
    }

    // ---------------------------------------------------------------- small dense linear algebra

    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    assertTrue(s > 0, "test Cholesky: not positive definite");
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    static double logDet(double[][] a) {
        double[][] l = cholesky(a);
        double s = 0;
        for (int i = 0; i < l.length; i++) {
            s += 2 * Math.log(l[i][i]);
        }
        return s;
    }

    /** Gauss–Jordan with partial pivoting. */
    private static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
            double inv = 1 / m[c][c];
            for (int j = 0; j < 2 * n; j++) {
                m[c][j] *= inv;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[c][j];
                    }
                }
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, out[i], 0, n);
        }
        return out;
    }

    static double[] times(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < x.length; j++) {
                y[i] += a[i][j] * x[j];
            }
        }
        return y;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The columns draw(e_k) − draw(0), k over the noise: v = μ + A ε. */
    private static double[][] noiseFactor(GaussianGuide g) {
        int d = g.dim();
        int e = g.noiseDim();
        double[] mu = new double[d];
        g.draw(new double[e], mu);
        double[][] a = new double[d][e];
        double[] v = new double[d];
        for (int k = 0; k < e; k++) {
            double[] unit = new double[e];
            unit[k] = 1;
            g.draw(unit, v);
            for (int i = 0; i < d; i++) {
                a[i][k] = v[i] - mu[i];
            }
        }
        return a;
    }

    // ---------------------------------------------------------------- shapes

    @ParameterizedTest
    @EnumSource(value = GuideFamily.class, names = {"MEAN_FIELD", "FULL_RANK", "LOW_RANK"})
    void dimensionsAndParameterCounts(GuideFamily family) {
        GaussianGuide g = randomGuide(family, 1);
        int d = g.dim();
        switch (family) {
            case MEAN_FIELD -> {
                assertEquals(4, d);
                assertEquals(4, g.noiseDim());
                assertEquals(8, g.params().length);
            }
            case FULL_RANK -> {
                assertEquals(4, d);
                assertEquals(4, g.noiseDim());
                assertEquals(4 + 10, g.params().length);
            }
            default -> {
                assertEquals(5, d);
                assertEquals(2 + 5, g.noiseDim());
                assertEquals(5 + 10 + 5, g.params().length);
            }
        }
        org.junit.jupiter.api.Assertions.assertSame(g.params(), g.params(), "params() is live");
    }

    // ---------------------------------------------------------------- 1. pullBack

    @ParameterizedTest
    @EnumSource(value = GuideFamily.class, names = {"MEAN_FIELD", "FULL_RANK", "LOW_RANK"})
    void pullBackIsTheJacobianTransposeProductByCentralDifferences(GuideFamily family) {
        for (long seed = 1; seed <= 3; seed++) {
            GaussianGuide g = randomGuide(family, 10 + seed);
            Rng rng = Rng.of(100 + seed);
            int d = g.dim();
            int n = g.params().length;
            double[] eps = gaussian(rng, g.noiseDim());
            double[] cot = gaussian(rng, d);
            double[] offset = gaussian(rng, n);
            double[] grad = offset.clone();
            g.pullBack(eps, cot, grad);
            double[] v = new double[d];
            for (int k = 0; k < n; k++) {
                double fd = centralDifference(g, k, q -> {
                    q.draw(eps, v);
                    return dot(cot, v);
                });
                close(fd, grad[k] - offset[k], FD_TOL, family + " seed " + seed + ": pullBack[" + k + "]");
            }
        }
    }

    // ---------------------------------------------------------------- 2. entropy

    @ParameterizedTest
    @EnumSource(value = GuideFamily.class, names = {"MEAN_FIELD", "FULL_RANK", "LOW_RANK"})
    void entropyGradientMatchesCentralDifferences(GuideFamily family) {
        for (long seed = 1; seed <= 3; seed++) {
            GaussianGuide g = randomGuide(family, 20 + seed);
            int n = g.params().length;
            double[] offset = gaussian(Rng.of(200 + seed), n);
            double[] grad = offset.clone();
            double weight = 0.7;
            g.addEntropyGradient(grad, weight);
            for (int k = 0; k < n; k++) {
                double fd = centralDifference(g, k, GaussianGuide::entropy);
                close(weight * fd, grad[k] - offset[k], FD_TOL, family + " seed " + seed + ": dH/dλ[" + k + "]");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = GuideFamily.class, names = {"MEAN_FIELD", "FULL_RANK", "LOW_RANK"})
    void entropyIsHalfLogDetOfTwoPiESigma(GuideFamily family) {
        for (long seed = 1; seed <= 3; seed++) {
            GaussianGuide g = randomGuide(family, 30 + seed);
            int d = g.dim();
            double[][] sigma = g.snapshot(names(d)).covariance();
            double expected = 0.5 * (d * Math.log(2 * Math.PI * Math.E) + logDet(sigma));
            close(expected, g.entropy(), EXACT_TOL, family + " seed " + seed + ": entropy");
        }
    }

    // ---------------------------------------------------------------- 3. E||v||²

    @ParameterizedTest
    @EnumSource(value = GuideFamily.class, names = {"MEAN_FIELD", "FULL_RANK", "LOW_RANK"})
    void expectedSquaredNormGradientMatchesCentralDifferences(GuideFamily family) {
        for (long seed = 1; seed <= 3; seed++) {
            GaussianGuide g = randomGuide(family, 40 + seed);
            int n = g.params().length;
            double[] offset = gaussian(Rng.of(400 + seed), n);
            double[] grad = offset.clone();
            double weight = -1.3;
            g.addExpectedSquaredNormGradient(grad, weight);
            for (int k = 0; k < n; k++) {
                double fd = centralDifference(g, k, GaussianGuide::expectedSquaredNorm);
                close(weight * fd, grad[k] - offset[k], FD_TOL,
                        family + " seed " + seed + ": dE||v||²/dλ[" + k + "]");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = GuideFamily.class, names = {"MEAN_FIELD", "FULL_RANK", "LOW_RANK"})
    void expectedSquaredNormIsMeanNormPlusTrace(GuideFamily family) {
        for (long seed = 1; seed <= 3; seed++) {
            GaussianGuide g = randomGuide(family, 50 + seed);
            UnconstrainedGaussian q = g.snapshot(names(g.dim()));
            double[] mu = q.mean();
            double[][] sigma = q.covariance();
            double expected = dot(mu, mu);
            for (int i = 0; i < mu.length; i++) {
                expected += sigma[i][i];
            }
            close(expected, g.expectedSquaredNorm(), EXACT_TOL, family + " seed " + seed + ": E||v||²");
        }
    }

    // ---------------------------------------------------------------- 4. Σ⁻¹(v − μ)

    @ParameterizedTest
    @EnumSource(value = GuideFamily.class, names = {"MEAN_FIELD", "FULL_RANK", "LOW_RANK"})
    void precisionTimesDeviationUsesAnExplicitInverse(GuideFamily family) {
        for (long seed = 1; seed <= 3; seed++) {
            GaussianGuide g = randomGuide(family, 60 + seed);
            int d = g.dim();
            UnconstrainedGaussian q = g.snapshot(names(d));
            double[][] precision = inverse(q.covariance());
            double[] mu = q.mean();
            Rng rng = Rng.of(600 + seed);
            for (int rep = 0; rep < 3; rep++) {
                double[] eps = gaussian(rng, g.noiseDim());
                double[] v = new double[d];
                g.draw(eps, v);
                double[] dev = new double[d];
                for (int i = 0; i < d; i++) {
                    dev[i] = v[i] - mu[i];
                }
                double[] expected = times(precision, dev);
                double[] out = new double[d];
                java.util.Arrays.fill(out, Double.NaN);
                g.precisionTimesDeviation(eps, out);
                for (int i = 0; i < d; i++) {
                    close(expected[i], out[i], 1e-9, family + " seed " + seed + " rep " + rep + ": Σ⁻¹(v−μ)[" + i + "]");
                }
            }
        }
    }

    /**
     * The STL path term is an unbiased estimate of the entropy gradient:
     * {@code E_ε[(∂v/∂λ)ᵀ Σ⁻¹(v − μ)] = ∇_λ H}. The term is a linear plus a homogeneous quadratic
     * function of ε, so its expectation is exactly {@code Σ_k ½ [f(e_k) + f(−e_k)]}.
     */
    @ParameterizedTest
    @EnumSource(value = GuideFamily.class, names = {"MEAN_FIELD", "FULL_RANK", "LOW_RANK"})
    void pathDerivativeOfMinusLogQHasTheEntropyGradientAsItsMean(GuideFamily family) {
        GaussianGuide g = randomGuide(family, 65);
        int n = g.params().length;
        int e = g.noiseDim();
        double[] mean = new double[n];
        double[] dev = new double[g.dim()];
        for (int k = 0; k < e; k++) {
            for (int sign = -1; sign <= 1; sign += 2) {
                double[] eps = new double[e];
                eps[k] = sign;
                g.precisionTimesDeviation(eps, dev);
                for (int i = 0; i < dev.length; i++) {
                    dev[i] *= 0.5;
                }
                g.pullBack(eps, dev, mean);
            }
        }
        double[] entropyGrad = new double[n];
        g.addEntropyGradient(entropyGrad, 1);
        for (int k = 0; k < n; k++) {
            close(entropyGrad[k], mean[k], 1e-9, family + ": E[path term][" + k + "]");
        }
    }

    // ---------------------------------------------------------------- 5. snapshot

    @ParameterizedTest
    @EnumSource(value = GuideFamily.class, names = {"MEAN_FIELD", "FULL_RANK", "LOW_RANK"})
    void snapshotIsMuAndAAtransposeOfTheDraws(GuideFamily family) {
        for (long seed = 1; seed <= 3; seed++) {
            GaussianGuide g = randomGuide(family, 70 + seed);
            int d = g.dim();
            UnconstrainedGaussian q = g.snapshot(names(d));
            assertEquals(names(d), q.coordinateNames());
            double[] mu = new double[d];
            g.draw(new double[g.noiseDim()], mu);
            assertArrayEquals(mu, q.mean(), EXACT_TOL, family + ": mean = draw(0)");
            for (int i = 0; i < d; i++) {
                assertEquals(g.params()[i], q.mean()[i], 0.0, family + ": mean = λ[0..d)");
            }
            double[][] a = noiseFactor(g);
            double[][] sigma = q.covariance();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    for (int k = 0; k < g.noiseDim(); k++) {
                        s += a[i][k] * a[j][k];
                    }
                    close(s, sigma[i][j], EXACT_TOL, family + " seed " + seed + ": Σ[" + i + "][" + j + "]");
                }
            }
        }
    }

    // ---------------------------------------------------------------- 6. smallestScale

    @ParameterizedTest
    @EnumSource(value = GuideFamily.class, names = {"MEAN_FIELD", "FULL_RANK", "LOW_RANK"})
    void smallestScaleIsTheSmallestMarginalSd(GuideFamily family) {
        for (long seed = 1; seed <= 3; seed++) {
            GaussianGuide g = randomGuide(family, 80 + seed);
            double[][] sigma = g.snapshot(names(g.dim())).covariance();
            double lowest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < sigma.length; i++) {
                lowest = Math.min(lowest, Math.sqrt(sigma[i][i]));
            }
            close(lowest, g.smallestScale(), EXACT_TOL, family + " seed " + seed + ": smallestScale");
        }
    }

    // ---------------------------------------------------------------- 7. Whitening

}
