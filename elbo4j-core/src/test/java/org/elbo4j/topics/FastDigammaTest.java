package org.elbo4j.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.numbers.gamma.Digamma;
import org.junit.jupiter.api.Test;

/** The E-step's digamma against Commons Numbers' on a grid from 2e-5 to 1e6 (below 1e-5 Commons returns −γ − 1/x, dropping the ζ(2)x term). */
class FastDigammaTest {

    @Test
    void agreesWithCommonsNumbers() {
        for (double x = 2e-5; x < 1e6; x *= 1.07) {
            double expected = Digamma.value(x);
            assertEquals(expected, FastDigamma.value(x), 1e-13 * Math.max(1, Math.abs(expected)), "x = " + x);
        }
    }
}
