package org.elbo4j.dist;

import static org.elbo4j.dist.ContinuousTestSupport.assertMeanWithinStandardErrors;
import static org.elbo4j.dist.ContinuousTestSupport.assertNear;
import static org.elbo4j.dist.ContinuousTestSupport.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradientCheck;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * LowRankMultivariateNormal: log-density and entropy against scipy (via the dense covariance
 * W Wᵀ + D), agreement with the dense MultivariateNormal, draws, gradients and validation.
 * Statistical checks: 15, each with false-failure rate 5.7e-7.
 */
class LowRankMultivariateNormalTest {

    private static final Tensor LOC = Tensor.vector(0.5, -1.0, 2.0);
    private static final Tensor FACTOR = Tensor.matrix(new double[][] {{1.0}, {0.5}, {-0.8}});
    private static final Tensor DIAG = Tensor.vector(0.3, 1.2, 0.6);

    @Test
    void matchesScipy() {
        int compared = 0;
        for (ContinuousTestSupport.Row r : ContinuousTestSupport.rows("mvn.csv", "lowRank")) {
            int n = (int) r.get(0);
            int k = (int) r.get(1);
            double[] v = r.values();
            int at = 2;
            Tensor loc = Tensor.of(Arrays.copyOfRange(v, at, at += n), n);
            Tensor w = Tensor.of(Arrays.copyOfRange(v, at, at += n * k), n, k);
            Tensor d = Tensor.of(Arrays.copyOfRange(v, at, at += n), n);
            Tensor x = Tensor.of(Arrays.copyOfRange(v, at, at += n), n);
            LowRankMultivariateNormal dist = LowRankMultivariateNormal.of(loc, w, d);
            assertNear("logProb n=" + n + " r=" + k, v[at], dist.logProb(x).item(), 1e-5, 2e-5);
            assertNear("entropy n=" + n + " r=" + k, v[at + 1], dist.entropy().item(), 1e-5, 2e-5);
            compared += 2;
        }
        assertEquals(18, compared);
    }

    @Test
    void agreesWithTheDenseMultivariateNormal() {
        LowRankMultivariateNormal low = LowRankMultivariateNormal.of(LOC, FACTOR, DIAG);
        MultivariateNormal dense = MultivariateNormal.ofCovariance(LOC, low.covariance());
        Tensor x = low.sample(Rng.of(2), 5, 2);
        assertArrayEquals(new int[] {5, 2, 3}, x.shape());
        float[] a = low.logProb(x).data();
        float[] b = dense.logProb(x).data();
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 2e-5 * (1 + Math.abs(b[i])));
        }
        assertArrayEquals(dense.variance().data(), low.variance().data(), 1e-6f);
        assertArrayEquals(dense.scaleTril().data(), low.scaleTril().data(), 1e-5f);
        assertEquals(3, low.dim());
        assertEquals(1, low.rank());
    }

    @Test
    void batchesBroadcast() {
        Tensor locs = Tensor.zeros(4, 3);
        LowRankMultivariateNormal d = LowRankMultivariateNormal.of(locs, FACTOR, DIAG);
        assertArrayEquals(new int[] {4}, d.batchShape());
        assertArrayEquals(new int[] {6, 4}, d.logProb(d.sample(Rng.of(3), 6)).shape());
        assertArrayEquals(new int[] {4}, d.entropy().shape());
    }

    @Test
    void sampleMeanAndCovarianceMatch() {
        // 20,000 draws; 3 mean checks and 6 covariance checks.
        LowRankMultivariateNormal d = LowRankMultivariateNormal.of(LOC, FACTOR, DIAG);
        double[] v = d.sample(Rng.of(25), 20_000).toDoubleArray();
        double[] mu = LOC.toDoubleArray();
        float[] cov = d.covariance().data();
        int n = 20_000;
        for (int i = 0; i < 3; i++) {
            double[] xi = new double[n];
            for (int s = 0; s < n; s++) {
                xi[s] = v[s * 3 + i];
            }
            assertMeanWithinStandardErrors("mean " + i, mu[i], xi);
            for (int j = 0; j <= i; j++) {
                double[] prod = new double[n];
                for (int s = 0; s < n; s++) {
                    prod[s] = (v[s * 3 + i] - mu[i]) * (v[s * 3 + j] - mu[j]);
                }
                assertMeanWithinStandardErrors("covariance " + i + "," + j, cov[i * 3 + j], prod);
            }
        }
    }

    @Test
    void pathwiseGradientOfSquaredNorm() {
        // E‖x‖² = ‖μ‖² + ‖W‖²_F + Σ d: d/dμ = 2μ, d/dW = 2W, d/dd = 1. 20,000 draws with one
        // parameter copy each; 6 checks.
        int n = 20_000;
        double[] mu = {0.5, -1.0};
        double[] w = {0.8, -0.3};
        double[] diag = {0.4, 1.1};
        Tensor loc = Tensor.of(MultivariateNormalTest.repeat(mu, n), n, 2).requiresGrad(true);
        Tensor factor = Tensor.of(MultivariateNormalTest.repeat(w, n), n, 2, 1).requiresGrad(true);
        Tensor d = Tensor.of(MultivariateNormalTest.repeat(diag, n), n, 2).requiresGrad(true);
        LowRankMultivariateNormal.of(loc, factor, d).rsample(Rng.of(26)).square().sum().backward();
        for (int i = 0; i < 2; i++) {
            assertMeanWithinStandardErrors("d/dmu " + i, 2 * mu[i], MultivariateNormalTest.column(loc.grad(), 2, i));
            assertMeanWithinStandardErrors("d/dW " + i, 2 * w[i], MultivariateNormalTest.column(factor.grad(), 2, i));
            assertMeanWithinStandardErrors("d/dd " + i, 1.0, MultivariateNormalTest.column(d.grad(), 2, i));
        }
    }

    @Test
    void logProbAndEntropyGradientsMatchFiniteDifferences() {
        Tensor x = Tensor.of(new double[] {0.3, -1.0, 0.8, 1.5, 0.2, -0.4}, 2, 3);
        GradientCheck.check("low-rank MVN logProb + entropy", in -> {
            LowRankMultivariateNormal d = LowRankMultivariateNormal.of(in[0], in[1], in[2]);
            return d.logProb(x).add(d.entropy());
        }, Tensor.vector(0.1, -0.2, 0.3), Tensor.matrix(new double[][] {{1.0, 0.2}, {0.5, -0.4}, {-0.8, 0.3}}),
                Tensor.vector(0.3, 1.2, 0.6));
    }

    @Test
    void rejectsBadParameters() {
        assertRejected("LowRankMultivariateNormal: covDiag must be finite and > 0, got 0.0",
                () -> LowRankMultivariateNormal.of(LOC, FACTOR, Tensor.vector(1.0, 0.0, 1.0)));
        assertRejected("LowRankMultivariateNormal: covDiag must be finite and > 0, got -1.0",
                () -> LowRankMultivariateNormal.of(LOC, FACTOR, Tensor.vector(1.0, -1.0, 1.0)));
        assertRejected("LowRankMultivariateNormal: covFactor must be finite, got NaN",
                () -> LowRankMultivariateNormal.of(LOC, Tensor.matrix(new double[][] {{1}, {Double.NaN}, {0}}), DIAG));
        assertRejected("LowRankMultivariateNormal: loc must be finite, got Infinity",
                () -> LowRankMultivariateNormal.of(Tensor.vector(0, Double.POSITIVE_INFINITY, 0), FACTOR, DIAG));
        assertRejected("LowRankMultivariateNormal: loc shape [3], covFactor shape [2, 1] and covDiag shape [3] do not"
                        + " match (expected [..., n], [..., n, r >= 1] and [..., n] with n >= 1)",
                () -> LowRankMultivariateNormal.of(LOC, Tensor.ones(2, 1), DIAG));
        assertRejected("LowRankMultivariateNormal: covFactor must be a matrix (or a batch of matrices), got shape [3]",
                () -> LowRankMultivariateNormal.of(LOC, Tensor.ones(3), DIAG));
    }
}
