package org.elbo4j.dist;

import static org.elbo4j.dist.ContinuousTestSupport.assertMeanWithinStandardErrors;
import static org.elbo4j.dist.ContinuousTestSupport.assertNear;
import static org.elbo4j.dist.ContinuousTestSupport.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradientCheck;
import org.elbo4j.tensor.LinAlg;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * MultivariateNormal: log-density and entropy against scipy for n = 1, 2, 3, 5 built from the
 * Cholesky factor, the covariance and the precision; batching; draws; pathwise and
 * finite-difference gradients; validation. Statistical checks: 14, each with false-failure rate
 * 5.7e-7.
 */
class MultivariateNormalTest {

    private static final double[][] COV = {{2.0, 0.6, -0.4}, {0.6, 1.0, 0.2}, {-0.4, 0.2, 0.5}};
    private static final double[] LOC = {1.0, -2.0, 0.5};

    /** The inverse of a small SPD matrix in double, by Gauss–Jordan. */
    static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            double p = m[c][c];
            for (int k = 0; k < 2 * n; k++) {
                m[c][k] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c];
                    for (int k = 0; k < 2 * n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(m[i], n, 2 * n);
        }
        return out;
    }

    @Test
    void matchesScipyFromEveryParameterisation() {
        int compared = 0;
        for (ContinuousTestSupport.Row r : ContinuousTestSupport.rows("mvn.csv", "full")) {
            int n = (int) r.get(0);
            double[] v = r.values();
            Tensor loc = Tensor.of(Arrays.copyOfRange(v, 2, 2 + n), n);
            Tensor tril = Tensor.of(Arrays.copyOfRange(v, 2 + n, 2 + n + n * n), n, n);
            Tensor x = Tensor.of(Arrays.copyOfRange(v, 2 + n + n * n, 2 + 2 * n + n * n), n);
            double logPdf = v[2 + 2 * n + n * n];
            double entropy = v[3 + 2 * n + n * n];
            double[][] cov = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < n; k++) {
                        cov[i][j] += tril.get(i, k) * tril.get(j, k);
                    }
                }
            }
            MultivariateNormal[] forms = {MultivariateNormal.ofScaleTril(loc, tril),
                MultivariateNormal.ofCovariance(loc, Tensor.matrix(cov)),
                MultivariateNormal.ofPrecision(loc, Tensor.matrix(inverse(cov)))};
            for (MultivariateNormal d : forms) {
                assertNear("logProb n=" + n, logPdf, d.logProb(x).item(), 1e-5, 2e-5);
                assertNear("entropy n=" + n, entropy, d.entropy().item(), 1e-5, 2e-5);
                compared += 2;
            }
        }
        assertEquals(72, compared);
    }

    @Test
    void momentsAndAccessors() {
        MultivariateNormal d = MultivariateNormal.ofCovariance(LOC, COV);
        assertEquals(3, d.dim());
        assertArrayEquals(new int[0], d.batchShape());
        assertArrayEquals(new int[] {3}, d.eventShape());
        assertArrayEquals(new float[] {2.0f, 1.0f, 0.5f}, d.variance().data(), 1e-6f);
        float[] cov = d.covariance().data();
        float[] precisionTimesCov = LinAlg.matmul(d.precision(), d.covariance()).data();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(COV[i][j], cov[i * 3 + j], 1e-6);
                assertEquals(i == j ? 1.0 : 0.0, precisionTimesCov[i * 3 + j], 1e-5);
            }
        }
    }

    @Test
    void batchesBroadcastAndSampleDimensionsComeFirst() {
        Tensor locs = Tensor.of(new double[] {0, 0, 0, 1, 2, 3}, 2, 3);
        MultivariateNormal d = MultivariateNormal.ofCovariance(locs, Tensor.matrix(COV));
        assertArrayEquals(new int[] {2}, d.batchShape());
        Tensor x = d.sample(Rng.of(1), 4);
        assertArrayEquals(new int[] {4, 2, 3}, x.shape());
        Tensor lp = d.logProb(x);
        assertArrayEquals(new int[] {4, 2}, lp.shape());
        MultivariateNormal second = MultivariateNormal.ofCovariance(new double[] {1, 2, 3}, COV);
        for (int s = 0; s < 4; s++) {
            Tensor xs = x.slice(0, s, s + 1).slice(1, 1, 2).reshape(3);
            assertEquals(second.logProb(xs).item(), lp.get(s, 1), 1e-5);
        }
        assertArrayEquals(new int[] {2}, d.entropy().shape());
    }

    @Test
    void sampleMeanAndCovarianceMatch() {
        // 20,000 draws; 3 mean checks and 6 covariance checks.
        Tensor x = MultivariateNormal.ofCovariance(LOC, COV).sample(Rng.of(22), 20_000);
        double[] v = x.toDoubleArray();
        int n = 20_000;
        for (int i = 0; i < 3; i++) {
            double[] xi = new double[n];
            for (int s = 0; s < n; s++) {
                xi[s] = v[s * 3 + i];
            }
            assertMeanWithinStandardErrors("mean " + i, LOC[i], xi);
            for (int j = 0; j <= i; j++) {
                double[] prod = new double[n];
                for (int s = 0; s < n; s++) {
                    prod[s] = (v[s * 3 + i] - LOC[i]) * (v[s * 3 + j] - LOC[j]);
                }
                assertMeanWithinStandardErrors("covariance " + i + "," + j, COV[i][j], prod);
            }
        }
        assertEquals((double) n, Support.REAL_VECTOR.check(x).sum().item());
    }

    @Test
    void pathwiseGradientOfSquaredNorm() {
        // E‖x‖² = ‖μ‖² + ‖L‖²_F: d/dμ = 2μ, d/dL = 2L (lower entries). 20,000 draws with one
        // parameter copy each; 5 checks.
        int n = 20_000;
        double[] mu = {0.5, -1.0};
        double[] l = {1.2, 0, 0.4, 0.7};
        Tensor loc = Tensor.of(repeat(mu, n), n, 2).requiresGrad(true);
        Tensor tril = Tensor.of(repeat(l, n), n, 2, 2).requiresGrad(true);
        MultivariateNormal.ofScaleTril(loc, tril).rsample(Rng.of(23)).square().sum().backward();
        for (int i = 0; i < 2; i++) {
            assertMeanWithinStandardErrors("d/dmu " + i, 2 * mu[i], column(loc.grad(), 2, i));
        }
        for (int k : new int[] {0, 2, 3}) {
            assertMeanWithinStandardErrors("d/dL entry " + k, 2 * l[k], column(tril.grad(), 4, k));
        }
    }

    static double[] repeat(double[] v, int times) {
        double[] out = new double[v.length * times];
        for (int t = 0; t < times; t++) {
            System.arraycopy(v, 0, out, t * v.length, v.length);
        }
        return out;
    }

    static double[] column(Tensor t, int width, int k) {
        float[] d = t.data();
        double[] out = new double[d.length / width];
        for (int i = 0; i < out.length; i++) {
            out[i] = d[i * width + k];
        }
        return out;
    }

    @Test
    void logProbGradientsMatchFiniteDifferences() {
        Tensor lowerMask = Tensor.of(new double[] {1, 0, 0, 1, 1, 0, 1, 1, 1}, 3, 3);
        Tensor x = Tensor.of(new double[] {0.3, -1.0, 0.8, 1.5, 0.2, -0.4}, 2, 3);
        GradientCheck.check("MVN logProb (loc, scaleTril)",
                in -> MultivariateNormal.ofScaleTril(in[0], in[1].mul(lowerMask)).logProb(x),
                Tensor.vector(0.1, -0.2, 0.3), Tensor.matrix(new double[][] {{1.3, 0, 0}, {0.2, 0.9, 0}, {-0.5, 0.3, 1.1}}));
        Tensor eye = Tensor.matrix(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        GradientCheck.check("MVN logProb and entropy (covariance = A Aᵀ + I)", in -> {
            MultivariateNormal d = MultivariateNormal.ofCovariance(in[0], LinAlg.matmul(in[1], in[1], false, true).add(eye));
            return d.logProb(x).add(d.entropy());
        }, Tensor.vector(0.1, -0.2, 0.3), Tensor.matrix(new double[][] {{0.5, 0.1, -0.3}, {0.2, 0.7, 0.1}, {0.0, -0.4, 0.6}}));
    }

    @Test
    void rsampleGradientMatchesFiniteDifferenceWithTheSameNoise() {
        double[] w = Tensor.randn(Rng.of(5), 4 * 3).toDoubleArray();
        Tensor cov = Tensor.matrix(COV).requiresGrad(true);
        MultivariateNormal.ofCovariance(Tensor.vector(LOC), cov).rsample(Rng.of(24), 4)
                .reshape(12).mul(Tensor.vector(w)).sum().backward();
        // Perturb Σ₀₁ and Σ₁₀ together (a symmetric perturbation): the derivative is g₀₁ + g₁₀.
        double numeric = ContinuousTestSupport.centralDifference(h -> {
            double[][] c = {COV[0].clone(), COV[1].clone(), COV[2].clone()};
            c[0][1] = h;
            c[1][0] = h;
            return MultivariateNormal.ofCovariance(LOC, c).sample(Rng.of(24), 4).reshape(12);
        }, COV[0][1], 1e-3, w);
        assertNear("d/dSigma01", numeric, cov.grad().get(0, 1) + cov.grad().get(1, 0), 5e-3, 1e-3);
    }

    @Test
    void rejectsBadLocation() {
        assertRejected("MultivariateNormal: loc must be finite, got NaN",
                () -> MultivariateNormal.ofCovariance(new double[] {0, Double.NaN}, new double[][] {{1, 0}, {0, 1}}));
        assertRejected("MultivariateNormal: loc must be a vector (or a batch of vectors), got shape []",
                () -> MultivariateNormal.ofScaleTril(Tensor.scalar(0.0), Tensor.ones(1, 1)));
    }

    @Test
    void rejectsShapesThatDoNotMatch() {
        assertRejected("MultivariateNormal: covariance shape [2, 2] does not match loc shape [3] (expected [..., 3, 3])",
                () -> MultivariateNormal.ofCovariance(Tensor.zeros(3), Tensor.ones(2, 2)));
        assertRejected("MultivariateNormal: loc batch shape [2] and scaleTril batch shape [3] do not broadcast",
                () -> MultivariateNormal.ofScaleTril(Tensor.zeros(2, 1), Tensor.ones(3, 1, 1)));
    }

    @Test
    void rejectsScaleTrilThatIsNotACholeskyFactor() {
        assertRejected("MultivariateNormal: scaleTril must be lower triangular, got 0.5 at (0, 1)",
                () -> MultivariateNormal.ofScaleTril(new double[] {0, 0}, new double[][] {{1, 0.5}, {0, 1}}));
        assertRejected("MultivariateNormal: scaleTril must have a diagonal > 0, got 0.0 at (1, 1)",
                () -> MultivariateNormal.ofScaleTril(new double[] {0, 0}, new double[][] {{1, 0}, {2, 0}}));
        assertRejected("MultivariateNormal: scaleTril must have a diagonal > 0, got -1.0 at (0, 0)",
                () -> MultivariateNormal.ofScaleTril(new double[] {0, 0}, new double[][] {{-1, 0}, {2, 1}}));
        assertRejected("MultivariateNormal: scaleTril must be finite, got Infinity",
                () -> MultivariateNormal.ofScaleTril(new double[] {0, 0},
                        new double[][] {{1, 0}, {Double.POSITIVE_INFINITY, 1}}));
    }

    @Test
    void rejectsCovariancesThatAreNotSymmetricPositiveDefinite() {
        assertRejected("MultivariateNormal: covariance must be symmetric, got 0.5 at (1, 0) and 0.0 at (0, 1)",
                () -> MultivariateNormal.ofCovariance(new double[] {0, 0}, new double[][] {{1, 0}, {0.5, 1}}));
        assertRejected("MultivariateNormal: covariance must be positive definite (cholesky: matrix of shape [2, 2]"
                        + " is not positive definite (pivot 1 is -3.0))",
                () -> MultivariateNormal.ofCovariance(new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}}));
        assertRejected("MultivariateNormal: covariance must be finite, got NaN",
                () -> MultivariateNormal.ofCovariance(new double[] {0, 0}, new double[][] {{1, 0}, {0, Double.NaN}}));
        assertTrue(MultivariateNormal.ofPrecision(Tensor.zeros(2), Tensor.matrix(new double[][] {{2, 0}, {0, 4}}))
                .variance().get(1) > 0.24);
    }

    /**
     * Data [N, d] against a particle batch [M, 1] (the way a model scores N observations under M
     * draws of its parameters) gives [M, N], row m equal to the log density under particle m alone.
     * Before, the matrices were not widened with the batch: a reshape error, which a fit turned into −∞.
     */
    @Test
    void dataBroadcastAgainstAParticleBatch() {
        Tensor loc = Tensor.of(new float[] {0f, 0f, 1f, 1f, 2f, -2f}, 3, 1, 2);
        Tensor tril = Tensor.of(new float[] {1f, 0f, 0.5f, 1.5f}, 2, 2);
        Tensor x = Tensor.of(new float[] {0.1f, 0.2f, 0.3f, -0.4f, 0.5f, 0.6f, 0.7f, 0.8f}, 4, 2);
        Tensor lp = MultivariateNormal.ofScaleTril(loc, tril).logProb(x);
        assertArrayEquals(new int[] {3, 4}, lp.shape());
        for (int m = 0; m < 3; m++) {
            Tensor one = MultivariateNormal.ofScaleTril(Tensor.of(new float[] {loc.data()[2 * m], loc.data()[2 * m + 1]}, 2), tril)
                    .logProb(x);
            for (int n = 0; n < 4; n++) {
                assertEquals(one.get(n), lp.data()[4 * m + n], 1e-6, "particle " + m + ", observation " + n);
            }
        }
    }
}
