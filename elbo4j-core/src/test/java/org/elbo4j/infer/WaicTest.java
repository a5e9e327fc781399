package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** WAIC against R's {@code loo} 2.5.1 {@code waic()} on fixed matrices ({@link LooReference}); exact formulas, so 1e−9 relative. */
class WaicTest {

    private static void assertWaic(double[] expected, Waic w) {
        double[] found = {w.elpdWaic(), w.elpdWaicSe(), w.pWaic(), w.pWaicSe(), w.waic(), w.waicSe()};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], found[i], 1e-9 * Math.max(1, Math.abs(expected[i])), "total " + i);
        }
    }

    @Test
    void matchesLooWaic() {
        assertWaic(LooReference.NORMAL_WAIC, Waic.of(LooReference.matrix("normal_400x12.csv")));
        assertWaic(LooReference.OUTLIERS_WAIC, Waic.of(LooReference.matrix("outliers_100x10.csv")));
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Waic.of(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> Waic.of(new double[][] {{1, 2}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> Waic.of(new double[][] {{1}, {Double.POSITIVE_INFINITY}}));
        assertThrows(IllegalArgumentException.class, () -> Waic.of(new double[][] {{}, {}}));
    }
}
