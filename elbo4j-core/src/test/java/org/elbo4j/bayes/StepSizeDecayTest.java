package org.elbo4j.bayes;

import org.elbo4j.infer.Verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The learning-rate rule of {@link StepSizeDecay}, decision by decision (deterministic: the
 * inputs are the window statistics). d = 2 dimensions, so the ELBO resolution is 1.2 nats.
 */
class StepSizeDecayTest {

    @Test
    void progressKeepsTheRate() {
        StepSizeDecay decay = new StepSizeDecay(0.05, 2);
        assertNull(decay.afterWindow(1.0, 0.1, 0.01, 1.0, 0.0));
        assertEquals(0.05, decay.learningRate());
        assertTrue(decay.reason().startsWith("still improving"), decay.reason());
    }

    @Test
    void noProgressAboveTheFloorHalvesUnlessTheParametersSettled() {
        StepSizeDecay unknown = new StepSizeDecay(0.05, 2);
        assertNull(unknown.afterWindow(0.0, 0.1, 0.01, 1.0, Double.NaN));
        assertEquals(0.025, unknown.learningRate());
        StepSizeDecay moving = new StepSizeDecay(0.05, 2);
        assertNull(moving.afterWindow(0.0, 0.1, 0.01, 1.0, 0.2));
        assertEquals(0.025, moving.learningRate());
        StepSizeDecay settled = new StepSizeDecay(0.05, 2);
        assertEquals(Verdict.CONVERGED, settled.afterWindow(0.0, 0.1, 0.01, 1.0, 0.01));
        assertEquals(0.05, settled.learningRate());
        assertTrue(settled.reason().contains("moved by at most 0.01 "), settled.reason());
    }

    @Test
    void settledButNoisyIsNotConverged() {
        StepSizeDecay decay = new StepSizeDecay(0.05, 2);
        // 2 se = 2 > the 1.2-nat resolution and > tolerance: three such windows make a plateau
        assertNull(decay.afterWindow(0.0, 1.0, 0.01, 1.0, 0.01));
        assertNull(decay.afterWindow(0.0, 1.0, 0.01, 1.0, 0.01));
        assertEquals(Verdict.PLATEAU, decay.afterWindow(0.0, 1.0, 0.01, 1.0, 0.01));
    }

    @Test
    void atTheFloorTheOldRuleDecides() {
        StepSizeDecay decay = new StepSizeDecay(0.004, 2);
        assertEquals(Verdict.CONVERGED, decay.afterWindow(0.0, 0.1, 0.01, 1.0, Double.NaN));
        assertTrue(decay.reason().contains("iterate noise is below 0.05"), decay.reason());
    }
}
