package org.elbo4j.infer;

import org.elbo4j.optim.PlateauDecay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The learning-rate rule of {@link PlateauWording} over {@link PlateauDecay}, decision by decision (deterministic: the
 * inputs are the window statistics). d = 2 dimensions, so the ELBO resolution is 1.2 nats.
 */
class PlateauWordingTest {

    @Test
    void progressKeepsTheRate() {
        PlateauWording decay = new PlateauWording(PlateauDecay.of(0.05, 2));
        assertNull(decay.afterWindow(1.0, 0.1, 0.01, 1.0, 0.0));
        assertEquals(0.05, decay.learningRate());
        assertTrue(decay.reason().startsWith("still improving"), decay.reason());
    }

    @Test
    void noProgressAboveTheFloorHalvesUnlessTheParametersSettled() {
        PlateauWording unknown = new PlateauWording(PlateauDecay.of(0.05, 2));
        assertNull(unknown.afterWindow(0.0, 0.1, 0.01, 1.0, Double.NaN));
        assertEquals(0.025, unknown.learningRate());
        PlateauWording moving = new PlateauWording(PlateauDecay.of(0.05, 2));
        assertNull(moving.afterWindow(0.0, 0.1, 0.01, 1.0, 0.2));
        assertEquals(0.025, moving.learningRate());
        PlateauWording settled = new PlateauWording(PlateauDecay.of(0.05, 2));
        assertEquals(Verdict.CONVERGED, settled.afterWindow(0.0, 0.1, 0.01, 1.0, 0.01));
        assertEquals(0.05, settled.learningRate());
        assertTrue(settled.reason().contains("moved by at most 0.01 "), settled.reason());
    }

    @Test
    void settledButNoisyIsNotConverged() {
        PlateauWording decay = new PlateauWording(PlateauDecay.of(0.05, 2));
        // 2 se = 2 > the 1.2-nat resolution and > tolerance: three such windows make a plateau
        assertNull(decay.afterWindow(0.0, 1.0, 0.01, 1.0, 0.01));
        assertNull(decay.afterWindow(0.0, 1.0, 0.01, 1.0, 0.01));
        assertEquals(Verdict.PLATEAU, decay.afterWindow(0.0, 1.0, 0.01, 1.0, 0.01));
    }

    @Test
    void atTheFloorTheOldRuleDecides() {
        PlateauWording decay = new PlateauWording(PlateauDecay.of(0.004, 2));
        assertEquals(Verdict.CONVERGED, decay.afterWindow(0.0, 0.1, 0.01, 1.0, Double.NaN));
        assertTrue(decay.reason().contains("iterate noise is below 0.05"), decay.reason());
    }
}
