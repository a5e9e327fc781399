package org.elbo4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.optim.StepSizePolicy.Decision;
import org.junit.jupiter.api.Test;

/**
 * The strategies of {@link StepSizePolicy}: {@link PlateauDecay} decision by decision
 * (deterministic: the inputs are window statistics; dim = 2, so the resolution is 1.2 nats), a
 * schedule ignoring windows, and Stan's decay and candidates.
 */
class PlateauDecayTest {

    @Test
    void progressKeepsTheRate() {
        PlateauDecay p = PlateauDecay.of(0.05, 2);
        assertEquals(Decision.IMPROVING, p.afterWindow(1.0, 0.1, 0.01, 1.0, 0.0));
        assertEquals(0.05, p.rate(1234));
        assertEquals(0, p.halvings());
    }

    @Test
    void noProgressAboveTheFloorHalvesUntilTheFloor() {
        PlateauDecay p = PlateauDecay.of(0.05, 2);
        // ρ = η / σ_min: 0.05 → 0.025 → … → 0.003125 ≤ 0.005 after 4 halvings
        for (int k = 1; k <= 4; k++) {
            assertEquals(Decision.HALVED, p.afterWindow(0.0, 0.1, 0.01, 1.0, Double.NaN), "window " + k);
            assertEquals(0.05 / (1 << k), p.learningRate(), 0.0);
        }
        assertEquals(Decision.CONVERGED, p.afterWindow(0.0, 0.1, 0.01, 1.0, Double.NaN));
        assertFalse(p.settledAboveFloor());
        assertEquals(4, p.halvings());
    }

    @Test
    void settledParametersConvergeAboveTheFloor() {
        PlateauDecay p = PlateauDecay.of(0.05, 2);
        assertEquals(Decision.CONVERGED, p.afterWindow(0.0, 0.1, 0.01, 1.0, 0.01));
        assertTrue(p.settledAboveFloor());
        assertEquals(0.05, p.learningRate());
    }

    @Test
    void noisyWindowsAtTheFloorBecomeAPlateauAfterThree() {
        PlateauDecay p = PlateauDecay.of(0.004, 2);
        // 2 se = 2 > the 1.2-nat resolution and > tolerance
        assertEquals(Decision.UNRESOLVED, p.afterWindow(0.0, 1.0, 0.01, 1.0, Double.NaN));
        assertEquals(Decision.UNRESOLVED, p.afterWindow(0.0, 1.0, 0.01, 1.0, Double.NaN));
        assertEquals(Decision.PLATEAU, p.afterWindow(0.0, 1.0, 0.01, 1.0, Double.NaN));
        PlateauDecay reset = PlateauDecay.of(0.004, 2);
        reset.afterWindow(0.0, 1.0, 0.01, 1.0, Double.NaN);
        reset.afterWindow(0.0, 1.0, 0.01, 1.0, Double.NaN);
        assertEquals(Decision.IMPROVING, reset.afterWindow(5.0, 1.0, 0.01, 1.0, Double.NaN));
        assertEquals(Decision.UNRESOLVED, reset.afterWindow(0.0, 1.0, 0.01, 1.0, Double.NaN),
                "progress resets the count");
    }

    @Test
    void aScheduleIgnoresWindows() {
        StepSizePolicy s = LrSchedule.exponential(1.0, 0.5);
        assertEquals(Decision.IMPROVING, s.afterWindow(0.0, 1.0, 0.01, 1.0, 0.0));
        assertEquals(0.25, s.rate(2), 0.0);
    }

    @Test
    void stansDecayAndCandidates() {
        LrSchedule s = LrSchedule.stanDecay(0.7);
        for (long k = 0; k < 5; k++) {
            assertEquals(0.7 * Math.pow(k + 1, -0.5 + 1e-16), s.rate(k), 0.0, "step " + k);
        }
        assertEquals(0.7 / 2, s.rate(3), 1e-15, "iteration 4: η / √4");
        assertArrayEquals(new double[] {100, 10, 1, 0.1, 0.01}, StepSizePolicy.stanEtaCandidates());
        StepSizePolicy.stanEtaCandidates()[0] = 5;
        assertEquals(100, StepSizePolicy.stanEtaCandidates()[0], "a copy each time");
    }

    @Test
    void rejectsBadSettings() {
        assertEquals("PlateauDecay: learningRate must be finite and > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> PlateauDecay.of(0, 2)).getMessage());
        assertEquals("PlateauDecay: dim must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> PlateauDecay.of(0.1, 0)).getMessage());
        assertEquals("LrSchedule.stanDecay: eta must be finite and >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> LrSchedule.stanDecay(-1)).getMessage());
    }
}
