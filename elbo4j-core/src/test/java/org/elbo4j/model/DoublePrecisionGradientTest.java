package org.elbo4j.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.UnconstrainedLayout;
import org.elbo4j.infer.LogDensityHessian;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The double-precision path of a model written with the model API ({@link FunctionModel#doublePrecision()})
 * on the hierarchical Poisson regression of {@link Float32GradientAccuracyTest} (N = 2000), at the
 * same 5 points, against the hand-written exact gradient there: the float32 tensor path is about
 * 6e−7 from it (max-norm relative), the tape must agree to rounding in double. Measured: see the
 * report line ({@code -Delbo4j.report=true}). Asserted: 1e−12 max-norm relative on the gradient
 * and 1e−13 on the log density (summing 2000 terms in double gives about 1e−15).
 */
class DoublePrecisionGradientTest {

    @Test
    void theTapeGradientMatchesTheExactOneToDoubleRounding() {
        PoissonRegressionCase data = Float32GradientAccuracyTest.CASE;
        FunctionModel model = FunctionModel.of(data.function(data.n));
        assertTrue(model.doublePrecision().isPresent(), () -> "double path: " + model.doublePrecisionUnavailable());
        LogDensityHessian tape = model.doublePrecision().get();
        UnconstrainedLayout layout = UnconstrainedLayout.of(model);
        int d = layout.dim();
        Rng rng = Rng.of(8);
        double worst64 = 0;
        double worst32 = 0;
        double worstValue = 0;
        for (int p = 0; p < 5; p++) {
            double[] u = Float32GradientAccuracyTest.pointNearTruth(rng, d);
            for (int i = 0; i < d; i++) {
                u[i] = (float) u[i];
            }
            double[] exact = new double[d];
            double v = Float32GradientAccuracyTest.exact(u, exact);
            double[] g = new double[d];
            double l = tape.logDensity(u, g);
            Tensor t = Tensor.of(u, 1, d).requiresGrad(true);
            UnconstrainedLayout.Constrained c = layout.constrain(t);
            model.logJoint(c.values(), Minibatch.full(1)).add(c.logAbsDetJacobian()).sum().backward();
            float[] g32 = t.grad().data();
            double norm = 0;
            double d64 = 0;
            double d32 = 0;
            for (int i = 0; i < d; i++) {
                norm = Math.max(norm, Math.abs(exact[i]));
                d64 = Math.max(d64, Math.abs(g[i] - exact[i]));
                d32 = Math.max(d32, Math.abs(g32[i] - exact[i]));
            }
            worst64 = Math.max(worst64, d64 / norm);
            worst32 = Math.max(worst32, d32 / norm);
            worstValue = Math.max(worstValue, Math.abs(l - v) / Math.abs(v));
        }
        if (Boolean.getBoolean("elbo4j.report")) {
            System.out.printf("gradient vs exact (max-norm relative): tape %.3g, float32 %.3g; log density (tape) %.3g%n",
                    worst64, worst32, worstValue);
        }
        assertTrue(worst64 < 1e-12, "tape gradient relative error " + worst64);
        assertTrue(worstValue < 1e-13, "tape log density relative error " + worstValue);
    }

    /** The README's model (the same function as {@link PoissonRegressionCase#function}, minibatches of 200) runs on the tape. */
    @Test
    void theReadmeModelRunsOnTheTape() {
        PoissonRegressionCase data = new PoissonRegressionCase(2000, 7);
        FunctionModel model = FunctionModel.of(data.function(200));
        assertTrue(model.doublePrecision().isPresent(), () -> "double path: " + model.doublePrecisionUnavailable());
        assertTrue(model.forFitting() instanceof org.elbo4j.bayes.ExactCurvature);
    }
}
