package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SampleQuantileTest {

    @Test
    void matchesRType7() {
        // R: quantile(c(1, 2, 4, 8, 16), c(0, 0.05, 0.3, 0.5, 0.95, 1)) = 1.0 1.2 2.4 4.0 14.4 16.0
        double[] x = {1, 2, 4, 8, 16};
        double[] p = {0, 0.05, 0.3, 0.5, 0.95, 1};
        double[] expected = {1.0, 1.2, 2.4, 4.0, 14.4, 16.0};
        for (int i = 0; i < p.length; i++) {
            assertEquals(expected[i], SampleQuantile.of(x, p[i]), 1e-12, "p = " + p[i]);
        }
        assertEquals(3.0, SampleQuantile.of(new double[] {3}, 0.7));
        assertTrue(Double.isNaN(SampleQuantile.of(new double[0], 0.5)));
        assertThrows(IllegalArgumentException.class, () -> SampleQuantile.of(x, 1.5));
    }
}
