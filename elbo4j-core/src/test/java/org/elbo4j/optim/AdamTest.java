package org.elbo4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AdamTest {

    /**
     * Float32 error of the parameters after a few steps: each update of size ~lr rounds p
     * (|p| ~ 1) to float, ~6e-8 per step, and the moments carry float rounding of ~1e-7
     * relative. A wrong bias correction or eps placement is off by more than 1e-4.
     */
    private static final double TRAJECTORY_TOL = 1e-6;

    private static final int STEPS = 6;

    /** The gradient at step t: fixed vectors of mixed signs and scales (t = 1 … STEPS). */
    private static double[] gradient(int t, int n) {
        Rng rng = Rng.of(100 + t);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = (float) (rng.nextGaussian() * Math.pow(10, i % 3 - 1));
        }
        return g;
    }

    /** Sets p.grad to {@code g} (exactly: the gradient of Σ g ⊙ p is g). */
    private static void setGradient(Tensor p, double[] g) {
        p.zeroGrad();
        p.mul(Tensor.vector(g)).sum().backward();
    }

    /** PyTorch's Adam/AdamW formula in double. */
    private static double[] reference(double[] p0, AdamConfig c, boolean decoupled) {
        int n = p0.length;
        double[] p = p0.clone();
        double[] m = new double[n];
        double[] v = new double[n];
        for (int t = 1; t <= STEPS; t++) {
            double lr = c.schedule().rate(t - 1);
            double[] g = gradient(t, n);
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                if (decoupled) {
                    p[i] *= 1 - lr * c.weightDecay();
                } else {
                    gi += c.weightDecay() * p[i];
                }
                m[i] = c.beta1() * m[i] + (1 - c.beta1()) * gi;
                v[i] = c.beta2() * v[i] + (1 - c.beta2()) * gi * gi;
                double mHat = m[i] / (1 - Math.pow(c.beta1(), t));
                double vHat = v[i] / (1 - Math.pow(c.beta2(), t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + c.eps());
            }
        }
        return p;
    }

    private static void checkAgainstReference(AdamConfig config, boolean decoupled) {
        double[] p0 = {0.5, -1.25, 2.0, 0.0, -0.75, 1.5, 3.0};
        Tensor p = Tensor.vector(p0).requiresGrad(true);
        Optimizer opt = decoupled ? AdamW.of(Map.of("p", p), config) : Adam.of(Map.of("p", p), config);
        for (int t = 1; t <= STEPS; t++) {
            setGradient(p, gradient(t, p0.length));
            opt.step();
        }
        double[] expected = reference(p0, config, decoupled);
        for (int i = 0; i < p0.length; i++) {
            assertEquals(expected[i], p.get(i), TRAJECTORY_TOL, "element " + i);
        }
        assertEquals(STEPS, opt.stepCount());
    }

    @Test
    void adamFollowsPyTorchsFormulaWithDefaults() {
        checkAgainstReference(AdamConfig.adam(), false);
    }

    @Test
    void adamWithL2AndAScheduleFollowsTheFormula() {
        checkAgainstReference(AdamConfig.adam().withWeightDecay(0.1).withBetas(0.8, 0.99)
                .withSchedule(LrSchedule.exponential(0.05, 0.7)), false);
    }

    @Test
    void adamWDecaysDecoupled() {
        checkAgainstReference(AdamConfig.adamW().withLr(0.05), true);
        checkAgainstReference(AdamConfig.adamW().withLr(0.01).withWeightDecay(0.5), true);
    }

    @Test
    void firstStepMovesEachParameterByTheLearningRate() {
        // m̂ = g and v̂ = g² after one step, so the update is lr·g/(|g| + eps) ≈ lr·sign(g)
        Tensor p = Tensor.vector(1.0, 1.0, 1.0).requiresGrad(true);
        Adam adam = Adam.of(Map.of("p", p));
        setGradient(p, new double[] {3.0, -0.02, 1e-3});
        adam.step();
        assertEquals(1.0 - 1e-3, p.get(0), 1e-7);
        assertEquals(1.0 + 1e-3, p.get(1), 1e-7);
        assertEquals(1.0 - 1e-3 * 1e-3 / (1e-3 + 1e-8), p.get(2), 1e-7);
    }

    @Test
    void defaultsArePyTorchs() {
        AdamConfig c = AdamConfig.adam();
        assertEquals(1e-3, c.schedule().rate(0));
        assertEquals(0.9, c.beta1());
        assertEquals(0.999, c.beta2());
        assertEquals(1e-8, c.eps());
        assertEquals(0.0, c.weightDecay());
        assertEquals(1e-2, AdamConfig.adamW().weightDecay());
    }

    @Test
    void minimisesAnIllConditionedQuadratic() {
        // L = Σ a_i (p_i − c_i)², curvatures from 0.01 to 100
        double[] a = {0.01, 1, 100};
        double[] c = {3, -2, 0.5};
        Tensor p = Tensor.zeros(3).requiresGrad(true);
        Adam adam = Adam.of(Map.of("p", p), AdamConfig.adam().withSchedule(LrSchedule.cosine(0.1, 3000, 1e-4)));
        for (int t = 0; t < 3000; t++) {
            adam.zeroGrad();
            p.sub(Tensor.vector(c)).square().mul(Tensor.vector(a)).sum().backward();
            adam.step();
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(c[i], p.get(i), 1e-2, "p" + i);
        }
    }

    @Test
    void parametersWithoutGradientAreLeftAlone() {
        Tensor used = Tensor.vector(1.0).requiresGrad(true);
        Tensor unused = Tensor.vector(2.0).requiresGrad(true);
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("used", used);
        params.put("unused", unused);
        Adam adam = Adam.of(params);
        setGradient(used, new double[] {1.0});
        adam.step();
        assertEquals(2.0, unused.get(0));
        assertTrue(used.get(0) < 1.0);
    }

    @Test
    void restoredStateGivesTheSameTrajectory() {
        Rng rng = Rng.of(5);
        Tensor p = Tensor.randn(rng, 4, 3).requiresGrad(true);
        Tensor q = Tensor.randn(rng, 3).requiresGrad(true);
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("p", p);
        params.put("q", q);
        AdamW opt = AdamW.of(params, AdamConfig.adamW().withSchedule(LrSchedule.stepDecay(0.01, 2, 0.5)));
        for (int t = 0; t < 3; t++) {
            step(opt, p, q);
        }
        OptimizerState saved = opt.state();
        float[] p3 = p.toFloatArray();
        float[] q3 = q.toFloatArray();
        for (int t = 0; t < 3; t++) {
            step(opt, p, q);
        }
        float[] pEnd = p.toFloatArray();
        float[] qEnd = q.toFloatArray();

        Tensor p2 = Tensor.of(p3, 4, 3).requiresGrad(true);
        Tensor q2 = Tensor.of(q3, 3).requiresGrad(true);
        Map<String, Tensor> params2 = new LinkedHashMap<>();
        params2.put("p", p2);
        params2.put("q", q2);
        AdamW resumed = AdamW.of(params2, opt.config());
        resumed.restore(saved);
        assertEquals(3, resumed.stepCount());
        assertEquals(opt.config().schedule().rate(3), resumed.learningRate());
        for (int t = 0; t < 3; t++) {
            step(resumed, p2, q2);
        }
        assertArrayEquals(pEnd, p2.data());
        assertArrayEquals(qEnd, q2.data());
        assertEquals(opt.state(), resumed.state());
    }

    private static void step(Optimizer opt, Tensor p, Tensor q) {
        opt.zeroGrad();
        p.matmul(q.reshape(3, 1)).tanh().sum().add(q.square().sum().mul(0.1)).backward();
        opt.step();
    }

    @Test
    void restoreRejectsAStateThatDoesNotFit() {
        Tensor p = Tensor.zeros(3).requiresGrad(true);
        Adam adam = Adam.of(Map.of("p", p));
        OptimizerState sgdState = Sgd.of(Map.of("p", p), 0.1).state();
        assertEquals("Adam.restore: state is from Sgd, not Adam",
                assertThrows(IllegalArgumentException.class, () -> adam.restore(sgdState)).getMessage());
        OptimizerState other = Adam.of(Map.of("r", Tensor.zeros(3).requiresGrad(true))).state();
        assertEquals("Adam.restore: state has buffers for unknown parameters [exp_avg/r, exp_avg_sq/r]",
                assertThrows(IllegalArgumentException.class, () -> adam.restore(other)).getMessage());
        OptimizerState wrongSize = Adam.of(Map.of("p", Tensor.zeros(2).requiresGrad(true))).state();
        assertEquals("Adam.restore: buffer 'exp_avg/p' has 2 values, parameter 'p' has 3",
                assertThrows(IllegalArgumentException.class, () -> adam.restore(wrongSize)).getMessage());
    }

    @Test
    void rejectsBadSettings() {
        assertEquals("AdamConfig: beta1 must be in [0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
                () -> AdamConfig.adam().withBetas(1.0, 0.999)).getMessage());
        assertEquals("AdamConfig: eps must be finite and > 0, got NaN", assertThrows(IllegalArgumentException.class,
                () -> AdamConfig.adam().withEps(Double.NaN)).getMessage());
        assertEquals("AdamConfig: weightDecay must be finite and >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class,
                        () -> AdamConfig.adam().withWeightDecay(-1)).getMessage());
        assertEquals("Adam: no parameters to optimize",
                assertThrows(IllegalArgumentException.class, () -> Adam.of(Map.of())).getMessage());
    }
}
