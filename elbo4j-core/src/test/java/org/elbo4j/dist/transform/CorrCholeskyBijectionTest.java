package org.elbo4j.dist.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.elbo4j.dist.Support;
import org.elbo4j.dist.TransformTest;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradientCheck;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The correlation-Cholesky bijection: forward lands in {@link Support#CORRELATION_CHOLESKY}
 * (lower triangular, positive diagonal, unit rows) for ordinary and extreme inputs, round trips,
 * log |det J| against the log-determinant of a central-difference Jacobian, and autodiff
 * gradients against finite differences.
 *
 * <p>Tolerances. Row norms: |‖L_i‖ − 1| ≤ 10·K·2⁻²³ (the support's own rule; float32 rounding
 * of a row is a few ulps). Round trip: |Δu| ≤ 2e-4 for |u| ≤ 3, since a float32 error of
 * ~1e-7 in z becomes 1e-7/(1 − z²) ≤ 1e-5 in u. log |det J|: the Jacobian of the float32 map
 * by central differences with step 3e-3 (truncation ≈ h²/6·|f'''| ≈ 2e-6, rounding
 * ≈ 6e-8/(2h) ≈ 1e-5 per entry), determinant in double by LU, compared within 2e-3 absolute;
 * a wrong term (say a missing ½ or one (1 − z²) factor) is off by ≥ 0.05 at these points.
 * Gradients: {@link GradientCheck}'s tolerances.
 */
class CorrCholeskyBijectionTest {

    private static final CorrCholeskyBijection B = CorrCholeskyBijection.of();
    private static final double STEP = 3e-3;
    private static final double LOG_DET_TOL = 2e-3;
    private static final double ROUND_TRIP_TOL = 2e-4;

    private static int free(int k) {
        return k * (k - 1) / 2;
    }

    /** Every matrix of {@code l} (shape [..., K, K]) is in the support, checked entry by entry. */
    private static void assertCorrelationCholesky(String what, Tensor l) {
        int k = l.dim(-1);
        float[] v = l.data();
        double tol = 10.0 * k * Math.ulp(1.0f);
        for (int e = 0; e < v.length / (k * k); e++) {
            for (int i = 0; i < k; i++) {
                double sq = 0;
                for (int j = 0; j < k; j++) {
                    float a = v[e * k * k + i * k + j];
                    assertTrue(Float.isFinite(a), what + ": non-finite entry " + a);
                    if (j > i) {
                        assertEquals(0f, a, what + ": entry above the diagonal");
                    }
                    sq += (double) a * a;
                }
                assertTrue(v[e * k * k + i * k + i] > 0, what + ": diagonal " + v[e * k * k + i * k + i]);
                assertEquals(1.0, Math.sqrt(sq), tol, what + ": norm of row " + i + " of matrix " + e);
            }
        }
        Tensor inside = Support.CORRELATION_CHOLESKY.check(l);
        assertEquals((double) inside.size(), inside.sum().item(), what + ": Support.check");
    }

    @Test
    void zeroMapsToTheIdentity() {
        Tensor l = B.forward(Tensor.zeros(6));
        assertArrayEquals(new int[] {4, 4}, l.shape());
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(i == j ? 1.0 : 0.0, l.get(i, j), 1e-7);
            }
        }
        assertEquals(0.0, B.logAbsDetJacobian(Tensor.zeros(6), l).item(), 1e-6);
    }

    @Test
    void twoByTwoIsTanhAndItsComplement() {
        Tensor l = B.forward(Tensor.vector(0.8));
        double r = Math.tanh(0.8);
        assertEquals(1.0, l.get(0, 0), 0);
        assertEquals(0.0, l.get(0, 1), 0);
        assertEquals(r, l.get(1, 0), 1e-6);
        assertEquals(Math.sqrt(1 - r * r), l.get(1, 1), 1e-6);
        assertEquals(Math.log(1 - r * r), B.logAbsDetJacobian(Tensor.vector(0.8), l).item(), 1e-5);
    }

    @Test
    void forwardLandsInTheSupportForRandomInputs() {
        Rng rng = Rng.of(11);
        for (int k = 2; k <= 6; k++) {
            Tensor u = Tensor.randn(rng, 50, free(k)).mul(2.0);
            Tensor l = B.forward(u);
            assertArrayEquals(new int[] {50, k, k}, l.shape());
            assertCorrelationCholesky("random u, K=" + k, l);
        }
    }

    @Test
    void forwardStaysInTheSupportForExtremeInputs() {
        float[] extremes = {20f, -20f, 15f, -15f, 9f, -9f, 0f};
        Rng rng = Rng.of(12);
        for (int k = 2; k <= 5; k++) {
            int m = free(k);
            int rows = 200;
            float[] u = new float[rows * m];
            for (int i = 0; i < u.length; i++) {
                u[i] = extremes[rng.nextInt(extremes.length)];
            }
            for (int j = 0; j < m; j++) {
                u[j] = 20f;
                u[m + j] = -20f;
            }
            Tensor ut = Tensor.of(u, rows, m);
            Tensor l = B.forward(ut);
            assertCorrelationCholesky("extreme u, K=" + k, l);
            for (float d : B.logAbsDetJacobian(ut, l).data()) {
                assertTrue(Float.isFinite(d), "log|det J| at extreme u, K=" + k + ": " + d);
            }
        }
    }

    @Test
    void inverseUndoesForward() {
        Rng rng = Rng.of(13);
        for (int k = 2; k <= 5; k++) {
            Tensor u = Tensor.randn(rng, 2, 3, free(k)).clamp(-3.0, 3.0);
            Tensor back = B.inverse(B.forward(u));
            assertArrayEquals(u.shape(), back.shape());
            float[] a = u.data();
            float[] b = back.data();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], ROUND_TRIP_TOL, "K=" + k + ", element " + i);
            }
        }
    }

    @Test
    void shapesAndBadLengths() {
        assertArrayEquals(new int[] {7, 3, 3}, B.forwardShape(new int[] {7, 3}));
        assertArrayEquals(new int[] {7, 3}, B.inverseShape(new int[] {7, 3, 3}));
        assertArrayEquals(new int[] {2, 5}, B.logAbsDetJacobian(Tensor.zeros(2, 5, 6), B.forward(Tensor.zeros(2, 5, 6)))
                .shape());
        assertEquals(Support.CORRELATION_CHOLESKY, B.codomain());
        assertThrows(IllegalArgumentException.class, () -> B.forward(Tensor.zeros(2)));
        assertThrows(IllegalArgumentException.class, () -> B.forward(Tensor.zeros(0)));
        assertThrows(IllegalArgumentException.class, () -> B.inverse(Tensor.ones(1, 1)));
        assertThrows(IllegalArgumentException.class, () -> B.inverse(Tensor.zeros(2, 3)));
    }

    /** The strictly-lower entries of forward(u), row by row, in double. */
    private static double[] freeEntries(double[] u) {
        Tensor l = B.forward(Tensor.vector(u));
        int k = l.dim(-1);
        double[] out = new double[free(k)];
        int n = 0;
        for (int i = 1; i < k; i++) {
            for (int j = 0; j < i; j++) {
                out[n++] = l.get(i, j);
            }
        }
        return out;
    }

    /** Central-difference Jacobian of {@link #freeEntries} (m × m), denominators from the float32 steps. */
    private static double[][] numericalJacobian(double[] u) {
        int m = u.length;
        double[][] jac = new double[m][m];
        for (int j = 0; j < m; j++) {
            double[] up = u.clone();
            double[] down = u.clone();
            float hi = (float) (u[j] + STEP);
            float lo = (float) (u[j] - STEP);
            up[j] = hi;
            down[j] = lo;
            double[] fu = freeEntries(up);
            double[] fd = freeEntries(down);
            for (int i = 0; i < m; i++) {
                jac[i][j] = (fu[i] - fd[i]) / ((double) hi - (double) lo);
            }
        }
        return jac;
    }

    @Test
    void logDetJacobianMatchesFiniteDifferences() {
        Rng rng = Rng.of(14);
        for (int k = 2; k <= 4; k++) {
            for (int trial = 0; trial < 5; trial++) {
                Tensor u = Tensor.randn(rng, free(k)).mul(1.2).clamp(-2.5, 2.5);
                double numeric = TransformTest.logAbsDet(numericalJacobian(u.toDoubleArray()));
                double analytic = B.logAbsDetJacobian(u, B.forward(u)).item();
                if (!(Math.abs(numeric - analytic) <= LOG_DET_TOL)) {
                    fail("K=" + k + ", u=" + java.util.Arrays.toString(u.data()) + ": log|det J| " + analytic
                            + ", finite differences " + numeric);
                }
            }
        }
    }

    @Test
    void autodiffGradientsMatchFiniteDifferences() {
        for (int k = 2; k <= 4; k++) {
            int kk = k;
            GradientCheck.check("corr-cholesky forward + log-Jacobian, K=" + k, in -> {
                Tensor l = B.forward(in[0]);
                return l.add(B.logAbsDetJacobian(in[0], l).unsqueeze(-1).unsqueeze(-1));
            }, Tensor.randn(Rng.of(20 + k), 2, free(k)));
            Tensor l = B.forward(Tensor.randn(Rng.of(30 + k), free(k)).mul(0.8));
            GradientCheck.check("corr-cholesky inverse, K=" + kk, in -> B.inverse(in[0]), l);
        }
    }
}
