package org.elbo4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link VectorWidth} in the JVM the tests run in: the width in use is the forced one (the
 * {@code vector-256} and {@code vector-128} surefire runs) or the hardware's, never wider than the
 * hardware's, and the lane-agnostic kernels ({@link Species}) use exactly that width.
 */
class VectorWidthTest {

    @Test
    void theWidthInUseIsTheForcedOneOrTheHardwares() {
        int forced = VectorWidth.forcedBits();
        int hardware = VectorWidth.hardwareBits();
        int expected = !VectorWidth.fastFma() || hardware == 0 ? 0 : forced == 0 ? hardware : Math.min(forced, hardware);
        assertEquals(expected, VectorWidth.bits(), VectorWidth.describe());
        assertTrue(VectorWidth.bits() <= hardware, "never wider than the hardware");
        assertEquals(VectorWidth.bits() / 32, VectorWidth.floatLanes());
        if (System.getProperty(VectorWidth.PROPERTY) != null) {
            assertEquals(Integer.parseInt(System.getProperty(VectorWidth.PROPERTY).trim()), forced);
        }
    }

    @Test
    void theElementwiseKernelsUseTheSameWidth() {
        if (!Simd.enabled()) {
            return;
        }
        assertEquals(VectorWidth.bits(), Species.FLOAT.vectorBitSize());
        assertEquals(VectorWidth.bits(), Species.DOUBLE.vectorBitSize());
        assertEquals(VectorWidth.floatLanes(), VectorBlocks.LANES);
    }

    @Test
    void theDescriptionNamesTheWidth() {
        String d = VectorWidth.describe();
        if (VectorWidth.bits() > 0) {
            assertTrue(d.startsWith(VectorWidth.bits() + "-bit (" + VectorWidth.floatLanes() + " float lanes"), d);
            assertEquals(VectorWidth.bits() != VectorWidth.hardwareBits(), d.contains("forced by elbo4j.vector.bits"), d);
        } else {
            assertTrue(d.startsWith("scalar"), d);
        }
    }
}
