package org.elbo4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vector kernel families of every width this machine can run compute each element of C as the
 * same FMA chain ({@link GemmMicroKernel}), so one product gives the same bits at 128, 256 and 512
 * bits: tiles of 8 x 12, 6 x 16 and 12 x 32, their narrow variants, packed and in-place operands,
 * the transposed product and the parallel split all leave the rounding unchanged. On a machine
 * with only one width the test has nothing to compare and is skipped.
 */
class GemmWidthsTest {

    private boolean simdBefore;

    @BeforeEach
    void remember() {
        simdBefore = Simd.enabled();
    }

    @AfterEach
    void restore() {
        GemmPaths.restore(simdBefore);
    }

    static Stream<Arguments> cases() {
        int[][] shapes = {
            {128, 400, 784}, {128, 784, 400}, {784, 400, 128}, {128, 40, 400}, {128, 20, 400}, {400, 20, 128},
            {13, 33, 257}, {7, 5, 600}, {97, 101, 103}, {12, 32, 256}, {6, 16, 3}, {8, 12, 513},
        };
        List<Arguments> list = new ArrayList<>();
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                list.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4}")
    @MethodSource("cases")
    void everyWidthGivesTheSameBits(int m, int n, int k, boolean transA, boolean transB) {
        List<Integer> widths = GemmPaths.vectorWidths();
        assumeTrue(widths.size() >= 2, "fewer than two vector widths on this machine");
        GemmReference r = new GemmReference(11L * m + 3L * n + k, m, n, k, transA, transB);
        for (boolean accumulate : new boolean[] {false, true}) {
            GemmPaths.use(widths.get(0));
            float[] first = r.run(accumulate);
            r.check(first, accumulate, widths.get(0) + "-bit " + r.label(accumulate));
            for (int w : widths.subList(1, widths.size())) {
                GemmPaths.use(w);
                assertArrayEquals(first, r.run(accumulate),
                        w + "-bit against " + widths.get(0) + "-bit, " + r.label(accumulate));
            }
        }
    }

    @Test
    void theActiveFamilyFollowsTheVectorWidth() {
        assumeTrue(VectorWidth.bits() > 0, "no vector kernels here");
        GemmPaths.restore(true);
        GemmMicroKernel kernel = GemmMicroKernel.active();
        assertEquals(VectorWidth.bits(), kernel.bits);
        assertEquals(0, kernel.nr % kernel.lanes, "a full tile is a whole number of vectors");
        assertEquals(VectorWidth.bits() / 32, kernel.lanes);
    }

    @Test
    void aFamilyWiderThanTheHardwareIsRefused() {
        assumeTrue(VectorWidth.hardwareBits() > 0 && VectorWidth.hardwareBits() < 512, "this machine has 512-bit vectors");
        assertThrows(IllegalArgumentException.class, () -> GemmMicroKernel.setActive(512));
    }

    @Test
    void unknownWidthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GemmMicroKernel.of(64));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorWidth.parseForced("300"));
        assertEquals("-Delbo4j.vector.bits must be 128, 256 or 512, got '300'", e.getMessage());
        assertEquals(0, VectorWidth.parseForced(null));
        assertEquals(256, VectorWidth.parseForced(" 256 "));
    }
}
