package org.elbo4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import org.elbo4j.autodiff.TapeCheckAccess;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.UnconstrainedLayout;
import org.elbo4j.infer.LogDensityHessian;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;

/**
 * The checks of a model's double-precision path against its float32 path: the model runs on the
 * tape (no fallback); at {@code m} seeded unconstrained points (float32-exact, so both paths see the
 * same inputs) ℓ on the tape equals the float32 log joint plus the bijections' log-Jacobians to
 * {@code valueTol} relative; at the first point the gradient equals central differences of the
 * tape's own values and the Hessian's columns central differences of the exact gradient (step
 * 1e−5; truncation ~1e−10, rounding ~1e−11 relative to values of order 10–100).
 */
final class TapeAgreement {

    static final double H = 1e-5;

    private TapeAgreement() {
    }

    static void check(FunctionModel model, int observations, long seed, double scale, double valueTol,
            double gradTol, double hessTol) {
        assertEquals(Optional.empty(), model.doublePrecisionUnavailable(), "the model fell back to float32");
        LogDensityHessian exact = model.doublePrecision().orElseThrow();
        UnconstrainedLayout layout = UnconstrainedLayout.of(model);
        int d = layout.dim();
        int m = 4;
        Rng rng = Rng.of(seed);
        double[] points = new double[m * d];
        for (int i = 0; i < points.length; i++) {
            points[i] = (float) (scale * rng.nextGaussian());
        }
        double[] values = new double[m];
        exact.logDensities(points, m, values, new double[m * d]);
        UnconstrainedLayout.Constrained c = layout.constrain(Tensor.of(points, m, d));
        Tensor float32 = model.logJoint(c.values(), Minibatch.full(observations)).add(c.logAbsDetJacobian());
        for (int i = 0; i < m; i++) {
            assertTrue(Double.isFinite(values[i]), "point " + i + ": " + values[i]);
            assertEquals(float32.get(i), values[i], valueTol * Math.abs(values[i]), "point " + i);
        }
        double[] u = Arrays.copyOf(points, d);
        double[] g = new double[d];
        double[][] negH = new double[d][d];
        exact.curvature(u, g, negH);
        double[] fd = new double[d];
        for (int j = 0; j < d; j++) {
            double[] both = new double[2 * d];
            System.arraycopy(u, 0, both, 0, d);
            System.arraycopy(u, 0, both, d, d);
            both[j] += H;
            both[d + j] -= H;
            double[] v = new double[2];
            double[] gs = new double[2 * d];
            exact.logDensities(both, 2, v, gs);
            fd[j] = (v[0] - v[1]) / (2 * H);
            double[] col = new double[d];
            double[] hj = new double[d];
            for (int i = 0; i < d; i++) {
                col[i] = (gs[i] - gs[d + i]) / (2 * H);
                hj[i] = -negH[i][j];
            }
            TapeCheckAccess.assertClose("Hessian column " + j, col, hj, hessTol);
        }
        TapeCheckAccess.assertClose("gradient", fd, g, gradTol);
    }
}
