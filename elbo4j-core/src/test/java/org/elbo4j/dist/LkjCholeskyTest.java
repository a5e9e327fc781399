package org.elbo4j.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.numbers.gamma.LogGamma;
import org.elbo4j.dist.transform.CorrCholeskyBijection;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradientCheck;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * LKJ over correlation Cholesky factors: normalisation (K = 2 against the known density of the
 * correlation, K = 3 through the bijection), the uniform case K = 3, η = 1, the normalising
 * constant against the LKJ paper's formula, sample moments against the known marginals and the
 * closed-form mean and variance, gradients and bad inputs.
 *
 * <p>Statistical checks: {@link ContinuousTestSupport#Z} = 5 standard errors with n = 20,000
 * draws, false-failure rate 5.7e-7 per check; {@link #samplesMatchTheKnownMoments} makes 92
 * checks, so a correct sampler fails it with probability below 6e-5 for a random seed (the seed
 * is fixed).
 */
class LkjCholeskyTest {

    /** log of the LKJ paper's c_K(η) (Lewandowski et al. 2009), in double. */
    private static double paperLogNormalizer(int k, double eta) {
        double log = 0;
        for (int i = 1; i <= k - 1; i++) {
            double b = eta + (k - i - 1) / 2.0;
            double logBeta = 2 * LogGamma.value(b) - LogGamma.value(2 * b);
            log += (2 * eta - 2 + k - i) * (k - i) * Math.log(2) + (k - i) * logBeta;
        }
        return log;
    }

    /**
     * Against the paper's c_K(η): log p(I) = −log c_K(η), since every log L_ii is 0 at the identity.
     * Tolerance 2e-5 + 1e-5·|expected|: a few float32 lgamma roundings of values up to ~20.
     */
    @Test
    void normalisingConstantMatchesTheLkjPaper() {
        for (int k = 2; k <= 5; k++) {
            for (double eta : new double[] {0.5, 1.0, 2.5, 7.0}) {
                Tensor identity = BatchedMatrices.identity(k);
                double found = LkjCholesky.of(k, eta).logProb(identity).item();
                ContinuousTestSupport.assertNear("log p(I), K=" + k + ", eta=" + eta, -paperLogNormalizer(k, eta),
                        found, 1e-5, 2e-5);
            }
        }
        // η = 1, K = 3 is uniform over the 3×3 correlation matrices, whose volume is π²/2
        assertEquals(Math.log(Math.PI * Math.PI / 2), paperLogNormalizer(3, 1.0), 1e-12);
    }

    /**
     * K = 2: L = [[1, 0], [r, √(1 − r²)]], the free entry is L_10 = r (log |dL/dr| = 0), and
     * p(r) ∝ (1 − r²)^{η−1}. ∫ exp(log p(L(r))) dr over (−1, 1), computed with r = sin θ
     * (dr = cos θ dθ, which removes the endpoint singularity of η = ½) by the midpoint rule with
     * n = 4000 (quadrature error below 1e-7), must be 1 within 1e-4 (float32 log-density).
     */
    @Test
    void integratesToOneForTwoByTwo() {
        int n = 4000;
        double h = Math.PI / n;
        float[] l = new float[n * 4];
        double[] cos = new double[n];
        for (int q = 0; q < n; q++) {
            double theta = -Math.PI / 2 + (q + 0.5) * h;
            cos[q] = Math.cos(theta);
            l[q * 4] = 1f;
            l[q * 4 + 2] = (float) Math.sin(theta);
            l[q * 4 + 3] = (float) cos[q];
        }
        Tensor values = Tensor.of(l, n, 2, 2);
        for (double eta : new double[] {0.5, 1.0, 3.0}) {
            double[] logP = LkjCholesky.of(2, eta).logProb(values).toDoubleArray();
            double integral = 0;
            for (int q = 0; q < n; q++) {
                double logDetDlDr = 0.0;
                integral += Math.exp(logP[q] + logDetDlDr) * cos[q] * h;
            }
            assertEquals(1.0, integral, 1e-4, "integral of p(r) for eta=" + eta);
        }
    }

    /**
     * K = 3 through the bijection: ∫ p(f(u)) |det J_f(u)| du = 1 over ℝ³, with u = atanh(sin θ)
     * (du = dθ / cos θ) and the midpoint rule on (−π/2, π/2)³ with 64 nodes per axis. In θ the
     * integrand is ∝ cos^{2η}θ₁₀ cos^{2η}θ₂₀ cos^{2η−1}θ₂₁, so for η ≥ 1 the quadrature error is
     * at most h²/24 ≈ 1e-4 (the cos¹ factor at η = 1); tolerance 5e-4.
     */
    @Test
    void integratesToOneThroughTheBijectionForThreeByThree() {
        int n = 64;
        double h = Math.PI / n;
        double[] theta = new double[n];
        for (int q = 0; q < n; q++) {
            theta[q] = -Math.PI / 2 + (q + 0.5) * h;
        }
        int points = n * n * n;
        float[] u = new float[points * 3];
        double[] logDuDTheta = new double[points];
        for (int p = 0; p < points; p++) {
            int[] idx = {p / (n * n), (p / n) % n, p % n};
            for (int c = 0; c < 3; c++) {
                double t = theta[idx[c]];
                u[p * 3 + c] = (float) (0.5 * Math.log((1 + Math.sin(t)) / (1 - Math.sin(t))));
                logDuDTheta[p] -= Math.log(Math.cos(t));
            }
        }
        Tensor ut = Tensor.of(u, points, 3);
        CorrCholeskyBijection f = CorrCholeskyBijection.of();
        Tensor l = f.forward(ut);
        double[] logDet = f.logAbsDetJacobian(ut, l).toDoubleArray();
        for (double eta : new double[] {1.0, 2.0}) {
            double[] logP = LkjCholesky.of(3, eta).logProb(l).toDoubleArray();
            double integral = 0;
            for (int p = 0; p < points; p++) {
                integral += Math.exp(logP[p] + logDet[p] + logDuDTheta[p]) * h * h * h;
            }
            assertEquals(1.0, integral, 5e-4, "integral over u for eta=" + eta);
        }
    }

    /** The Cholesky factor's free entries (L_10, L_20, L_21) of a 3×3 correlation matrix, in double. */
    private static double[] choleskyOfCorrelations(double[] c) {
        double l11 = Math.sqrt(1 - c[0] * c[0]);
        return new double[] {c[0], c[1], (c[2] - c[1] * c[0]) / l11};
    }

    /**
     * K = 3, η = 1: the density of the correlations (C_10, C_20, C_21) is log p(L) + log |det ∂L/∂c|
     * and must equal −log(π²/2) everywhere (uniform on the elliptope of volume π²/2). The Jacobian
     * ∂L/∂c is taken by central differences (step 1e-6, in double) of an independent Cholesky
     * in double; tolerance 2e-5 (float32 log-density).
     */
    @Test
    void threeByThreeWithUnitConcentrationIsUniformInTheCorrelations() {
        LkjCholesky lkj = LkjCholesky.of(3, 1.0);
        Tensor l = CorrCholeskyBijection.of().forward(Tensor.randn(Rng.of(41), 30, 3));
        double[] logP = lkj.logProb(l).toDoubleArray();
        double expected = -Math.log(Math.PI * Math.PI / 2);
        double step = 1e-6;
        for (int e = 0; e < 30; e++) {
            double l10 = l.get(e, 1, 0);
            double l11 = l.get(e, 1, 1);
            double l20 = l.get(e, 2, 0);
            double l21 = l.get(e, 2, 1);
            double[] c = {l10, l20, l20 * l10 + l21 * l11};
            double[][] jac = new double[3][3];
            for (int j = 0; j < 3; j++) {
                double[] up = c.clone();
                double[] down = c.clone();
                up[j] += step;
                down[j] -= step;
                double[] a = choleskyOfCorrelations(up);
                double[] b = choleskyOfCorrelations(down);
                for (int i = 0; i < 3; i++) {
                    jac[i][j] = (a[i] - b[i]) / (2 * step);
                }
            }
            double logDensityOfC = logP[e] + logAbsDet(jac);
            assertEquals(expected, logDensityOfC, 2e-5, "log density of the correlations at matrix " + e);
        }
    }

    /** log |det| of a 3×3 matrix, by cofactors. */
    private static double logAbsDet(double[][] a) {
        double det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
                - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
        return Math.log(Math.abs(det));
    }

    /**
     * n = 20,000 draws for K ∈ {3, 4}, η ∈ {½, 2}: every draw in the support; each off-diagonal
     * correlation C_ij of C = L Lᵀ has mean 0 and variance 1/(2η + K − 1) (its marginal is
     * (C_ij + 1)/2 ~ Beta(η − 1 + K/2, η − 1 + K/2)); each random entry of L (strictly lower,
     * and the diagonal from row 1) has the mean and variance of {@link LkjCholesky#mean()} and
     * {@link LkjCholesky#variance()}. 92 z-checks in all.
     */
    @Test
    void samplesMatchTheKnownMoments() {
        int n = 20_000;
        for (int k = 3; k <= 4; k++) {
            for (double eta : new double[] {0.5, 2.0}) {
                String what = "K=" + k + ", eta=" + eta;
                LkjCholesky lkj = LkjCholesky.of(k, eta);
                Tensor draws = lkj.sample(Rng.of(50 + k * 10 + (long) (eta * 2)), n);
                assertArrayEquals(new int[] {n, k, k}, draws.shape());
                assertEquals((double) n, Support.CORRELATION_CHOLESKY.check(draws).sum().item(), what + " support");
                float[] v = draws.data();
                double corrVar = 1.0 / (2 * eta + k - 1);
                float[] mean = lkj.mean().data();
                float[] var = lkj.variance().data();
                for (int i = 1; i < k; i++) {
                    for (int j = 0; j < i; j++) {
                        double[] c = new double[n];
                        for (int s = 0; s < n; s++) {
                            for (int q = 0; q <= j; q++) {
                                c[s] += (double) v[s * k * k + i * k + q] * v[s * k * k + j * k + q];
                            }
                        }
                        ContinuousTestSupport.assertSampleMoments(what + " C[" + i + "][" + j + "]", c, 0.0, corrVar);
                    }
                    for (int j = 0; j <= i; j++) {
                        int at = i * k + j;
                        double[] x = new double[n];
                        for (int s = 0; s < n; s++) {
                            x[s] = v[s * k * k + at];
                        }
                        ContinuousTestSupport.assertSampleMoments(what + " L[" + i + "][" + j + "]", x, mean[at],
                                var[at]);
                    }
                }
            }
        }
    }

    /** E[L] and Var[L] for K = 2 against the density of r: E√(1 − r²) = Γ(η + ½)² / (Γ(η) Γ(η + 1)). */
    @Test
    void meanAndVarianceForTwoByTwo() {
        for (double eta : new double[] {0.5, 1.0, 3.0}) {
            LkjCholesky lkj = LkjCholesky.of(2, eta);
            double m = Math.exp(2 * LogGamma.value(eta + 0.5) - LogGamma.value(eta) - LogGamma.value(eta + 1));
            double[] mean = lkj.mean().toDoubleArray();
            double[] var = lkj.variance().toDoubleArray();
            assertArrayEquals(new double[] {1, 0, 0, m}, mean, 1e-5, "mean for eta=" + eta);
            // E[r²] = 1/(2η + 1); Var√(1 − r²) = 1 − E[r²] − m²
            double r2 = 1 / (2 * eta + 1);
            assertArrayEquals(new double[] {0, 0, r2, 1 - r2 - m * m}, var, 1e-5, "variance for eta=" + eta);
        }
    }

    @Test
    void batchedShapes() {
        LkjCholesky lkj = LkjCholesky.of(3, Tensor.vector(0.5, 2.0));
        assertArrayEquals(new int[] {2}, lkj.batchShape());
        assertArrayEquals(new int[] {3, 3}, lkj.eventShape());
        Tensor draws = lkj.sample(Rng.of(1), 5);
        assertArrayEquals(new int[] {5, 2, 3, 3}, draws.shape());
        assertArrayEquals(new int[] {5, 2}, lkj.logProb(draws).shape());
        assertArrayEquals(new int[] {2, 3, 3}, lkj.mean().shape());
        assertArrayEquals(new int[] {2, 3, 3}, lkj.variance().shape());
        assertEquals(Support.CORRELATION_CHOLESKY, lkj.support());
    }

    /** Gradients of log p in η and, through the bijection, in u, against finite differences. */
    @Test
    void logProbGradients() {
        Tensor l = CorrCholeskyBijection.of().forward(Tensor.randn(Rng.of(60), 4, 6).mul(0.7));
        GradientCheck.check("LKJ log p in eta", in -> LkjCholesky.of(4, in[0]).logProb(l),
                Tensor.vector(0.7, 1.5, 3.0, 1.0));
        GradientCheck.check("LKJ log p in u", in -> LkjCholesky.of(4, 2.5)
                .logProb(CorrCholeskyBijection.of().forward(in[0])), Tensor.randn(Rng.of(61), 3, 6).mul(0.7));
    }

    @Test
    void rejectsBadArguments() {
        ContinuousTestSupport.assertRejected("LkjCholesky: dim must be >= 2, got 1", () -> LkjCholesky.of(1, 1.0));
        ContinuousTestSupport.assertRejected("LkjCholesky: concentration must be finite and > 0, got 0.0",
                () -> LkjCholesky.of(3, 0.0));
        ContinuousTestSupport.assertRejected("LkjCholesky: concentration must be finite and > 0, got NaN",
                () -> LkjCholesky.of(3, Tensor.vector(1.0, Double.NaN)));
        LkjCholesky lkj = LkjCholesky.of(2, 1.0);
        Tensor shortRow = Tensor.matrix(new double[][] {{1, 0}, {0.5, 0.5}});
        Tensor upper = Tensor.matrix(new double[][] {{1, 0.1}, {0, 1}});
        assertEquals(Double.NEGATIVE_INFINITY, lkj.logProb(shortRow).item(), "outside the support");
        assertEquals(Double.NEGATIVE_INFINITY, lkj.logProb(upper).item(), "outside the support");
        assertThrows(IllegalArgumentException.class, () -> lkj.logProb(BatchedMatrices.identity(3)));
    }
}
