package org.elbo4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LrScheduleTest {

    @Test
    void robbinsMonroIsHoffmansRate() {
        LrSchedule s = LrSchedule.robbinsMonro(10, 0.7);
        assertEquals(Math.pow(10, -0.7), s.rate(0), 1e-15);
        assertEquals(Math.pow(13, -0.7), s.rate(3), 1e-15);
        assertEquals(1.0, LrSchedule.robbinsMonro(1, 1).rate(0));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.robbinsMonro(0.5, 0.7));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.robbinsMonro(10, 0.5));
    }

    private static final double TOL = 1e-15;

    @Test
    void constant() {
        assertEquals(0.3, LrSchedule.constant(0.3).rate(12345), TOL);
    }

    @Test
    void stepDecayHalvesEveryStepSizeUpdates() {
        LrSchedule s = LrSchedule.stepDecay(0.1, 3, 0.5);
        double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025};
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], s.rate(k), TOL, "step " + k);
        }
    }

    @Test
    void exponential() {
        LrSchedule s = LrSchedule.exponential(1.0, 0.9);
        assertEquals(1.0, s.rate(0), TOL);
        assertEquals(0.9, s.rate(1), TOL);
        assertEquals(Math.pow(0.9, 10), s.rate(10), TOL);
    }

    @Test
    void cosineGoesFromLrToMinAndStays() {
        LrSchedule s = LrSchedule.cosine(1.0, 100, 0.1);
        assertEquals(1.0, s.rate(0), TOL);
        assertEquals(0.55, s.rate(50), TOL);
        assertEquals(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI / 4)), s.rate(25), TOL);
        assertEquals(0.1, s.rate(100), TOL);
        assertEquals(0.1, s.rate(1000), TOL);
    }

    @Test
    void warmupRampsLinearlyThenHandsOver() {
        LrSchedule s = LrSchedule.warmup(4, LrSchedule.stepDecay(0.8, 2, 0.5));
        double[] expected = {0.2, 0.4, 0.6, 0.8, 0.8, 0.8, 0.4, 0.4, 0.2};
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], s.rate(k), 1e-12, "step " + k);
        }
    }

    @Test
    void theOptimizerUsesTheRateOfEachUpdate() {
        Tensor p = Tensor.vector(0.0).requiresGrad(true);
        Sgd sgd = Sgd.of(Map.of("p", p), SgdConfig.of(1).withSchedule(LrSchedule.stepDecay(1.0, 1, 0.5)));
        double expected = 0;
        for (int k = 0; k < 5; k++) {
            assertEquals(Math.pow(0.5, k), sgd.learningRate(), TOL);
            sgd.zeroGrad();
            p.sum().backward(); // gradient 1
            sgd.step();
            expected -= Math.pow(0.5, k);
            assertEquals(expected, p.get(0), 1e-7, "after update " + k);
        }
    }

    @Test
    void rejectsBadArguments() {
        assertEquals("LrSchedule.stepDecay: gamma must be in (0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> LrSchedule.stepDecay(0.1, 1, 1.5)).getMessage());
        assertEquals("LrSchedule.cosine: totalSteps must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> LrSchedule.cosine(0.1, 0, 0)).getMessage());
        assertEquals("LrSchedule.exponential: lr must be finite and >= 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> LrSchedule.exponential(Double.NaN, 0.9)).getMessage());
        assertEquals("LrSchedule.warmup: warmupSteps must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> LrSchedule.warmup(0, LrSchedule.constant(1))).getMessage());
    }
}
