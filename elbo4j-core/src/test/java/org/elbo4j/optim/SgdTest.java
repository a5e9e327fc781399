package org.elbo4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SgdTest {

    /** Float32 error after tens of steps on values of order 1. */
    private static final double TOL = 1e-5;

    private static void constantGradient(Tensor p, double[] g) {
        p.zeroGrad();
        p.mul(Tensor.vector(g)).sum().backward();
    }

    @Test
    void plainSgdOnAQuadraticFollowsTheGeometricClosedForm() {
        // L = a (p − c)², so p_t − c = (1 − 2·a·lr)^t (p_0 − c)
        double a = 1.5;
        double c = 2.0;
        double lr = 0.1;
        Tensor p = Tensor.vector(-1.0).requiresGrad(true);
        Sgd sgd = Sgd.of(Map.of("p", p), lr);
        for (int t = 1; t <= 20; t++) {
            sgd.zeroGrad();
            p.sub(c).square().mul(a).sum().backward();
            sgd.step();
            assertEquals(c + Math.pow(1 - 2 * a * lr, t) * (-1.0 - c), p.get(0), TOL, "step " + t);
        }
    }

    @Test
    void momentumMatchesTheClosedFormRecurrence() {
        // constant gradient g: b_t = g (1 − μ^t)/(1 − μ), p_T = p_0 − lr Σ_{t≤T} b_t
        double mu = 0.9;
        double lr = 0.01;
        double[] g = {1.0, -0.5};
        Tensor p = Tensor.vector(0.0, 0.0).requiresGrad(true);
        Sgd sgd = Sgd.of(Map.of("p", p), SgdConfig.of(lr, mu));
        double total = 0;
        for (int t = 1; t <= 30; t++) {
            constantGradient(p, g);
            sgd.step();
            total += (1 - Math.pow(mu, t)) / (1 - mu);
            for (int i = 0; i < 2; i++) {
                assertEquals(-lr * g[i] * total, p.get(i), TOL, "step " + t + " element " + i);
            }
        }
    }

    @Test
    void nesterovMatchesItsClosedForm() {
        // d_t = g + μ b_t with b_t as above
        double mu = 0.5;
        double lr = 0.1;
        double[] g = {2.0};
        Tensor p = Tensor.vector(1.0).requiresGrad(true);
        Sgd sgd = Sgd.of(Map.of("p", p), SgdConfig.of(lr, mu).withNesterov(true));
        double total = 0;
        for (int t = 1; t <= 15; t++) {
            constantGradient(p, g);
            sgd.step();
            total += 1 + mu * (1 - Math.pow(mu, t)) / (1 - mu);
            assertEquals(1.0 - lr * g[0] * total, p.get(0), TOL, "step " + t);
        }
    }

    @Test
    void dampeningAndWeightDecayFollowPyTorch() {
        // step 1: b = d = g + λp; step 2: b = μ b + (1 − τ) d
        double mu = 0.9;
        double tau = 0.3;
        double lambda = 0.1;
        double lr = 0.5;
        Tensor p = Tensor.vector(1.0).requiresGrad(true);
        Sgd sgd = Sgd.of(Map.of("p", p), SgdConfig.of(lr, mu).withDampening(tau).withWeightDecay(lambda));
        constantGradient(p, new double[] {1.0});
        sgd.step();
        double b = 1.0 + lambda * 1.0;
        double expected = 1.0 - lr * b;
        assertEquals(expected, p.get(0), TOL);
        constantGradient(p, new double[] {1.0});
        sgd.step();
        b = mu * b + (1 - tau) * (1.0 + lambda * expected);
        assertEquals(expected - lr * b, p.get(0), TOL);
    }

    @Test
    void stateRestoreContinuesTheMomentum() {
        Tensor p = Tensor.vector(0.0, 0.0).requiresGrad(true);
        Sgd sgd = Sgd.of(Map.of("p", p), SgdConfig.of(0.1, 0.9));
        constantGradient(p, new double[] {1, 2});
        sgd.step();
        OptimizerState saved = sgd.state();
        float[] after1 = p.toFloatArray();
        constantGradient(p, new double[] {1, 2});
        sgd.step();

        Tensor p2 = Tensor.of(after1, 2).requiresGrad(true);
        Sgd resumed = Sgd.of(Map.of("p", p2), SgdConfig.of(0.1, 0.9));
        resumed.restore(saved);
        constantGradient(p2, new double[] {1, 2});
        resumed.step();
        assertArrayEquals(p.data(), p2.data());
        assertEquals(2, resumed.stepCount());
    }

    @Test
    void rejectsBadSettings() {
        assertEquals("SgdConfig: nesterov needs momentum > 0 and dampening = 0, got momentum 0.0, dampening 0.0",
                assertThrows(IllegalArgumentException.class, () -> SgdConfig.of(0.1).withNesterov(true)).getMessage());
        assertEquals("LrSchedule.constant: lr must be finite and >= 0, got -0.1",
                assertThrows(IllegalArgumentException.class, () -> SgdConfig.of(-0.1)).getMessage());
    }
}
