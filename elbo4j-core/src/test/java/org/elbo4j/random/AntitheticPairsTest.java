package org.elbo4j.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The layout of {@link AntitheticPairs}: drawn rows, partners, mirroring; exact, no randomness in the checks. */
class AntitheticPairsTest {

    @Test
    void evenCountsPairRowRWithRowHPlusR() {
        assertEquals(3, AntitheticPairs.drawn(6));
        assertEquals(3, AntitheticPairs.partner(0, 6));
        assertEquals(5, AntitheticPairs.partner(2, 6));
        assertEquals(1, AntitheticPairs.partner(4, 6));
        double[] x = {1, 2, 3, 4, 5, 6, 9, 9, 9, 9, 9, 9};
        AntitheticPairs.mirror(x, 6, 2);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, -6}, x);
    }

    @Test
    void anOddCountLeavesTheMiddleRowUnpaired() {
        assertEquals(3, AntitheticPairs.drawn(5));
        assertEquals(-1, AntitheticPairs.partner(2, 5));
        assertEquals(3, AntitheticPairs.partner(0, 5));
        assertEquals(0, AntitheticPairs.partner(3, 5));
        assertEquals(-1, AntitheticPairs.partner(0, 1));
        float[] x = {1, 2, 3, 7, 7};
        AntitheticPairs.mirror(x, 5, 1);
        assertArrayEquals(new float[] {1, 2, 3, -1, -2}, x);
    }

    @Test
    void normalFloatsDrawTheFirstHalfInOrderAndMirrorIt() {
        Rng same = Rng.of(42);
        float[] x = AntitheticPairs.normalFloats(Rng.of(42), 7, 3);
        for (int i = 0; i < 4 * 3; i++) {
            assertEquals((float) same.nextGaussian(), x[i], 0.0f, "drawn value " + i);
        }
        for (int i = 0; i < 3 * 3; i++) {
            assertEquals(-x[i], x[12 + i], 0.0f, "mirrored value " + i);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> AntitheticPairs.partner(5, 5));
        assertThrows(IllegalArgumentException.class, () -> AntitheticPairs.mirror(new double[3], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> AntitheticPairs.drawn(-1));
    }
}
