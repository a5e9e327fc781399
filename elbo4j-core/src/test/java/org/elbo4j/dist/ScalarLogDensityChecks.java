package org.elbo4j.dist;

import static org.elbo4j.dist.ContinuousTestSupport.assertNear;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.elbo4j.tensor.Tensor;

/**
 * Checks shared by the double-precision log-densities of the scalar families
 * ({@code Normal.logDensity}, {@code HalfCauchy.logDensity}, …): the value equals the tensor
 * {@code logProb} (float32, 2e-6 relative), the first derivative equals the autodiff gradient
 * of {@code logProb} with respect to x (float32, 1e-5 relative) and a central difference of the
 * double value (step 1e-5: error ~1e-10·|ℓ'''| + 1e-16·|ℓ|/1e-5, allowed 1e-7 relative), and
 * the second derivative equals a central difference of the first (same step and tolerance).
 */
final class ScalarLogDensityChecks {

    private static final double STEP = 1e-5;

    private ScalarLogDensityChecks() {
    }

    /**
     * Compares the scalar functions with the tensor family at each x (x a float32 value, inside the
     * support and away from any kink).
     */
    static void check(String what, Function<Tensor, Tensor> logProb, DoubleUnaryOperator value,
            DoubleUnaryOperator derivative, DoubleUnaryOperator secondDerivative, double... xs) {
        for (double x0 : xs) {
            double x = (float) x0;
            String at = what + " at " + x;
            Tensor t = Tensor.scalar(x).requiresGrad(true);
            Tensor lp = logProb.apply(t);
            lp.backward();
            assertNear(at + ": value vs logProb", lp.item(), value.applyAsDouble(x), 2e-6, 2e-6);
            assertNear(at + ": derivative vs autodiff", t.grad().item(), derivative.applyAsDouble(x), 1e-5, 1e-5);
            double fd = (value.applyAsDouble(x + STEP) - value.applyAsDouble(x - STEP)) / (2 * STEP);
            assertNear(at + ": derivative vs finite difference", fd, derivative.applyAsDouble(x), 1e-7, 1e-7);
            double fd2 = (derivative.applyAsDouble(x + STEP) - derivative.applyAsDouble(x - STEP)) / (2 * STEP);
            assertNear(at + ": second derivative vs finite difference", fd2, secondDerivative.applyAsDouble(x),
                    1e-7, 1e-7);
        }
    }
}
