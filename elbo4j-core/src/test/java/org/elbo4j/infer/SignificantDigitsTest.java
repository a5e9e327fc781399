package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Rounding for the verdict's reason: the digits %.Ng would print, without trailing zeros. */
class SignificantDigitsTest {

    @Test
    void roundsToSignificantDigits() {
        assertEquals("0.00313", SignificantDigits.of(0.0031253, 3));
        assertEquals("-0.2193", SignificantDigits.of(-0.21934, 4));
        assertEquals("3.68", SignificantDigits.of(3.6849, 3));
        assertEquals("-530.671", SignificantDigits.of(-530.67065, 6));
        assertEquals("1200", SignificantDigits.of(1234.5, 2));
        assertEquals("3.68e-7", SignificantDigits.of(3.6849e-7, 3));
        assertEquals("1.5e12", SignificantDigits.of(1.5e12, 3));
        assertEquals("10", SignificantDigits.of(9.9996, 4));
        assertEquals("0.1", SignificantDigits.of(0.099999, 3));
        assertEquals("2", SignificantDigits.of(2.0, 6));
        assertEquals("-0.0001", SignificantDigits.of(-1.0e-4, 3));
    }

    @Test
    void specialValues() {
        assertEquals("0", SignificantDigits.of(0.0, 3));
        assertEquals("NaN", SignificantDigits.of(Double.NaN, 3));
        assertEquals("Infinity", SignificantDigits.of(Double.POSITIVE_INFINITY, 3));
        assertEquals("-Infinity", SignificantDigits.of(Double.NEGATIVE_INFINITY, 3));
    }
}
