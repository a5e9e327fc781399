package org.elbo4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Tetragamma} (digamma's second derivative on the tape) against 50-digit mpmath
 * {@code polygamma(2, x)} from {@code tools/tape_multivariate_references.py}, to 1e−13 relative:
 * small arguments (many recurrence steps), both sides of the switch to the series at 20, a large
 * argument and two negative non-integers (reflection); NaN at the poles.
 */
class TetragammaTest {

    // Output of tools/tape_multivariate_references.py (mpmath, 50 digits):
    static final double[][] TETRAGAMMA = {{0.05, -16002.108158021943}, {0.3, -75.27253658872604},
        {1.0, -2.4041138063191885}, {2.5, -0.2362040516417274}, {7.25, -0.02182895229519774},
        {19.5, -0.002768167852746702}, {20.0, -0.0026281224023146548}, {150.0, -4.4741728380430464e-05},
        {-0.4, 21.287168462856535}, {-2.7, -68.9329390232638}};

    @Test
    void againstMpmath() {
        for (double[] c : TETRAGAMMA) {
            assertEquals(c[1], Tetragamma.value(c[0]), 1e-13 * Math.abs(c[1]), "ψ₂(" + c[0] + ")");
        }
    }

    @Test
    void polesAreNan() {
        assertTrue(Double.isNaN(Tetragamma.value(0)));
        assertTrue(Double.isNaN(Tetragamma.value(-3)));
        assertTrue(Double.isNaN(Tetragamma.value(Double.NaN)));
        assertEquals(0, Tetragamma.value(Double.POSITIVE_INFINITY));
    }
}
