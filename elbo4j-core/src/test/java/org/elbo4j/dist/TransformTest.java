package org.elbo4j.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.elbo4j.dist.transform.AffineBijection;
import org.elbo4j.dist.transform.Bijection;
import org.elbo4j.dist.transform.Bijections;
import org.elbo4j.dist.transform.ComposedBijection;
import org.elbo4j.dist.transform.ExpBijection;
import org.elbo4j.dist.transform.IdentityBijection;
import org.elbo4j.dist.transform.LowerCholeskyBijection;
import org.elbo4j.dist.transform.SigmoidBijection;
import org.elbo4j.dist.transform.SoftplusBijection;
import org.elbo4j.dist.transform.StickBreakingBijection;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradientCheck;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The bijections: inverse(forward(u)) ≈ u, log |det J| against the log-determinant of the
 * Jacobian of {@code forward} by central differences (computed in double from float32 values,
 * step 3e-3: truncation ≈ 1e-6, rounding ≈ 1e-5 per entry, so a tolerance of 2e-3 on log |det|
 * catches any wrong term, which is O(1)), draws landing in the codomain, and gradients of the
 * vector-valued maps against finite differences.
 */
public class TransformTest {

    private static final double STEP = 3e-3;
    private static final double LOG_DET_TOL = 2e-3;

    /** log |det| of a square matrix by LU with partial pivoting, in double (shared with other tests). */
    public static double logAbsDet(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        double logDet = 0;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            logDet += Math.log(Math.abs(m[c][c]));
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k < n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        return logDet;
    }

    /**
     * The numerical Jacobian of the free output coordinates {@code free(forward(u))} with respect
     * to the m input coordinates of one event u (a vector), by central differences.
     */
    static double[][] numericalJacobian(Function<Tensor, double[]> freeForward, double[] u) {
        int m = u.length;
        double[][] jac = null;
        for (int j = 0; j < m; j++) {
            double[] up = u.clone();
            double[] down = u.clone();
            float hi = (float) (u[j] + STEP);
            float lo = (float) (u[j] - STEP);
            up[j] = hi;
            down[j] = lo;
            double[] fu = freeForward.apply(Tensor.vector(up));
            double[] fd = freeForward.apply(Tensor.vector(down));
            if (jac == null) {
                jac = new double[fu.length][m];
            }
            for (int i = 0; i < fu.length; i++) {
                jac[i][j] = (fu[i] - fd[i]) / ((double) hi - (double) lo);
            }
        }
        return jac;
    }

    /** Checks an elementwise bijection at each element of u: derivative, round trip, codomain. */
    private static void checkElementwise(Bijection b, double... us) {
        Tensor u = Tensor.vector(us);
        Tensor x = b.forward(u);
        Tensor ldj = b.logAbsDetJacobian(u, x);
        Tensor back = b.inverse(x);
        for (int i = 0; i < us.length; i++) {
            double[] one = {u.data()[i]};
            double numeric = Math.log(Math.abs(numericalJacobian(t -> b.forward(t).toDoubleArray(), one)[0][0]));
            ContinuousTestSupport.assertNear(b.getClass().getSimpleName() + " log|dx/du| at " + us[i], numeric,
                    ldj.data()[i], 0, LOG_DET_TOL);
            ContinuousTestSupport.assertNear(b.getClass().getSimpleName() + " inverse at " + us[i], u.data()[i],
                    back.data()[i], 1e-5, 1e-5);
        }
        assertEquals((double) us.length, b.codomain().check(x).sum().item(), "draws land in " + b.codomain());
    }

    @Test
    void elementwiseBijections() {
        checkElementwise(ExpBijection.of(), -3, -0.2, 0, 1.5, 4);
        checkElementwise(SoftplusBijection.of(), -5, -0.7, 0, 2, 9);
        checkElementwise(SigmoidBijection.of(), -6, -1, 0, 0.4, 5);
        checkElementwise(AffineBijection.of(1.5, -2.5), -2, 0, 3);
        checkElementwise(IdentityBijection.of(0), -1, 2);
        checkElementwise(Bijections.fromUnconstrained(Support.interval(-1.0, 3.0)).orElseThrow(), -4, -0.5, 0, 2, 5);
    }

    @Test
    void logJacobiansStayFiniteInTheTails() {
        Tensor u = Tensor.vector(-40.0, 40.0);
        Tensor sig = SigmoidBijection.of().logAbsDetJacobian(u, SigmoidBijection.of().forward(u));
        assertEquals(-40.0, sig.data()[0], 1e-4);
        assertEquals(-40.0, sig.data()[1], 1e-4);
        Tensor sp = SoftplusBijection.of().logAbsDetJacobian(u, SoftplusBijection.of().forward(u));
        assertEquals(-40.0, sp.data()[0], 1e-4);
        assertEquals(0.0, sp.data()[1], 1e-6);
    }

    @Test
    void affineBijectionIsDifferentiableInItsParameters() {
        Tensor loc = Tensor.vector(0.5, -1.0);
        Tensor scale = Tensor.vector(2.0, 0.3);
        GradientCheck.check("affine forward and log-Jacobian", in -> {
            AffineBijection b = AffineBijection.of(in[0], in[1]);
            Tensor x = b.forward(in[2]);
            return x.add(b.logAbsDetJacobian(in[2], x));
        }, loc, scale, Tensor.vector(0.7, -1.2));
    }

    @Test
    void stickBreakingMapsOntoTheSimplexWithTheRightJacobian() {
        StickBreakingBijection b = StickBreakingBijection.of();
        Rng rng = Rng.of(3);
        for (int k = 2; k <= 6; k++) {
            double[] u = Tensor.randn(rng, k - 1).mul(1.5).toDoubleArray();
            Tensor ut = Tensor.vector(u);
            Tensor x = b.forward(ut);
            assertArrayEquals(new int[] {k}, x.shape());
            assertEquals(1.0, Support.SIMPLEX.check(x).item(), "simplex check for K=" + k);
            int free = k - 1;
            double[][] jac = numericalJacobian(t -> {
                double[] all = b.forward(t).toDoubleArray();
                return java.util.Arrays.copyOf(all, free);
            }, ut.toDoubleArray());
            ContinuousTestSupport.assertNear("stick-breaking log|det J|, K=" + k, logAbsDet(jac),
                    b.logAbsDetJacobian(ut, x).item(), 0, LOG_DET_TOL);
            double[] back = b.inverse(x).toDoubleArray();
            for (int i = 0; i < free; i++) {
                ContinuousTestSupport.assertNear("stick-breaking inverse", ut.data()[i], back[i], 1e-4, 1e-4);
            }
        }
    }

    @Test
    void stickBreakingMapsZeroToTheCentreAndHandlesBatches() {
        Tensor x = StickBreakingBijection.of().forward(Tensor.zeros(2, 3));
        assertArrayEquals(new int[] {2, 4}, x.shape());
        for (float v : x.data()) {
            assertEquals(0.25, v, 1e-6);
        }
        assertArrayEquals(new int[] {2}, StickBreakingBijection.of().logAbsDetJacobian(Tensor.zeros(2, 3), x).shape());
    }

    @Test
    void stickBreakingStaysFiniteFarFromTheCentre() {
        Tensor u = Tensor.vector(-60.0, 60.0, -60.0);
        Tensor x = StickBreakingBijection.of().forward(u);
        assertEquals(1.0, Support.SIMPLEX.check(x).item());
        assertTrue(Double.isFinite(StickBreakingBijection.of().logAbsDetJacobian(u, x).item()));
    }

    @Test
    void stickBreakingGradients() {
        GradientCheck.check("stick-breaking forward + log-Jacobian", in -> {
            Tensor x = StickBreakingBijection.of().forward(in[0]);
            return x.add(StickBreakingBijection.of().logAbsDetJacobian(in[0], x).unsqueeze(-1));
        }, Tensor.randn(Rng.of(4), 2, 3));
        GradientCheck.check("stick-breaking inverse", in -> StickBreakingBijection.of().inverse(in[0]),
                Tensor.vector(0.1, 0.2, 0.3, 0.4));
    }

    @Test
    void lowerCholeskyMapsVectorsOntoCholeskyFactors() {
        LowerCholeskyBijection b = LowerCholeskyBijection.of();
        for (int n = 1; n <= 4; n++) {
            int m = n * (n + 1) / 2;
            Tensor u = Tensor.randn(Rng.of(10 + n), m);
            Tensor l = b.forward(u);
            assertArrayEquals(new int[] {n, n}, l.shape());
            assertEquals(1.0, Support.LOWER_CHOLESKY.check(l).item());
            int side = n;
            double[][] jac = numericalJacobian(t -> {
                double[] full = b.forward(t).toDoubleArray();
                double[] packed = new double[m];
                int k = 0;
                for (int i = 0; i < side; i++) {
                    for (int j = 0; j <= i; j++) {
                        packed[k++] = full[i * side + j];
                    }
                }
                return packed;
            }, u.toDoubleArray());
            ContinuousTestSupport.assertNear("lower-Cholesky log|det J|, n=" + n, logAbsDet(jac),
                    b.logAbsDetJacobian(u, l).item(), 0, LOG_DET_TOL);
            assertArrayEquals(u.data(), b.inverse(l).data(), 1e-6f);
        }
    }

    @Test
    void lowerCholeskyShapesAndGradients() {
        LowerCholeskyBijection b = LowerCholeskyBijection.of();
        assertArrayEquals(new int[] {5, 3, 3}, b.forward(Tensor.zeros(5, 6)).shape());
        assertArrayEquals(new int[] {5, 6}, b.inverseShape(new int[] {5, 3, 3}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.forward(Tensor.zeros(4)));
        assertEquals("LowerCholeskyBijection: vector length 4 is not n(n+1)/2 for an integer n >= 1", e.getMessage());
        GradientCheck.check("lower-Cholesky forward", in -> b.forward(in[0]), Tensor.randn(Rng.of(5), 2, 6));
        GradientCheck.check("lower-Cholesky inverse", in -> b.inverse(in[0]),
                Tensor.of(new double[] {1.5, 0, 0.3, 0.8}, 2, 2));
    }

    @Test
    void composedBijectionSumsElementwiseJacobiansOverTheVectorEvent() {
        // Affine (elementwise) then stick-breaking: the affine log-Jacobian is summed over the event.
        ComposedBijection b = ComposedBijection.of(AffineBijection.of(0.5, 2.0), StickBreakingBijection.of());
        assertEquals(1, b.eventRank());
        assertEquals(Support.SIMPLEX, b.codomain());
        Tensor u = Tensor.vector(0.3, -0.8, 1.1);
        Tensor x = b.forward(u);
        double[][] jac = numericalJacobian(t -> java.util.Arrays.copyOf(b.forward(t).toDoubleArray(), 3),
                u.toDoubleArray());
        ContinuousTestSupport.assertNear("composed log|det J|", logAbsDet(jac), b.logAbsDetJacobian(u, x).item(), 0,
                LOG_DET_TOL);
        assertArrayEquals(u.data(), b.inverse(x).data(), 1e-5f);
        assertArrayEquals(new int[] {4}, b.forwardShape(new int[] {3}));
    }
}
