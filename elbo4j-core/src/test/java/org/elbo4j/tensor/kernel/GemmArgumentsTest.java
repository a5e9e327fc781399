package org.elbo4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every bad argument of {@link Gemm} is rejected before anything is written, with a message naming it. */
class GemmArgumentsTest {

    private static final float[] A = new float[6];   // 2 x 3
    private static final float[] B = new float[12];  // 3 x 4
    private static final float[] C = new float[8];   // 2 x 4

    private static void rejected(Executable call, String... fragments) {
        float[] before = C.clone();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
        }
        assertTrue(java.util.Arrays.equals(before, C), "nothing written");
    }

    @Test
    void negativeSize() {
        rejected(() -> Gemm.gemm(false, false, -1, 4, 3, A, 0, 3, B, 0, 4, C, 0, 4, false), "Gemm", "m", "-1");
        rejected(() -> Gemm.gemm(false, false, 2, -4, 3, A, 0, 3, B, 0, 4, C, 0, 4, false), "n", "-4");
        rejected(() -> Gemm.gemm(false, false, 2, 4, -3, A, 0, 3, B, 0, 4, C, 0, 4, false), "k", "-3");
    }

    @Test
    void negativeBatchOffsetOrStride() {
        rejected(() -> Gemm.gemmBatched(-2, false, false, 2, 4, 3, A, 0, 0, 3, B, 0, 0, 4, C, 0, 8, 4, false),
                "batch", "-2");
        rejected(() -> Gemm.gemm(false, false, 2, 4, 3, A, -1, 3, B, 0, 4, C, 0, 4, false), "aOff", "-1");
        rejected(() -> Gemm.gemmBatched(1, false, false, 2, 4, 3, A, 0, -6, 3, B, 0, 0, 4, C, 0, 8, 4, false),
                "aStride", "-6");
    }

    @Test
    void leadingDimensionTooSmall() {
        rejected(() -> Gemm.gemm(false, false, 2, 4, 3, A, 0, 2, B, 0, 4, C, 0, 4, false), "lda", "3", "got 2");
        rejected(() -> Gemm.gemm(true, false, 2, 4, 3, A, 0, 1, B, 0, 4, C, 0, 4, false), "lda", "transA=true", "got 1");
        rejected(() -> Gemm.gemm(false, true, 2, 4, 3, A, 0, 3, B, 0, 2, C, 0, 4, false), "ldb", "got 2");
        rejected(() -> Gemm.gemm(false, false, 2, 4, 3, A, 0, 3, B, 0, 4, C, 0, 3, false), "ldc", "got 3");
    }

    @Test
    void arrayTooShort() {
        rejected(() -> Gemm.gemm(false, false, 2, 4, 3, new float[5], 0, 3, B, 0, 4, C, 0, 4, false),
                "a is too short", "needs 6", "got 5");
        rejected(() -> Gemm.gemm(false, false, 2, 4, 3, A, 0, 3, B, 1, 4, C, 0, 4, false), "b is too short", "needs 13");
        rejected(() -> Gemm.gemm(false, false, 2, 4, 3, A, 0, 3, B, 0, 4, C, 0, 5, false), "c is too short", "needs 9");
        rejected(() -> Gemm.gemmBatched(2, false, false, 2, 4, 3, A, 0, 0, 3, B, 0, 0, 4, new float[15], 0, 8, 4,
                false), "c is too short", "needs 16");
    }

    @Test
    void nullArray() {
        rejected(() -> Gemm.gemm(false, false, 2, 4, 3, A, 0, 3, null, 0, 4, C, 0, 4, false), "b must not be null");
    }

    @Test
    void zeroOutputStrideInABatch() {
        rejected(() -> Gemm.gemmBatched(2, false, false, 2, 4, 3, A, 0, 0, 3, B, 0, 0, 4, new float[16], 0, 0, 4,
                false), "cStride", "batch=2");
    }

    @Test
    void outputOverlappingAnInput() {
        float[] shared = new float[20];
        rejected(() -> Gemm.gemm(false, false, 2, 2, 2, shared, 0, 2, shared, 4, 2, shared, 3, 2, false),
                "C must not overlap A");
        rejected(() -> Gemm.gemm(false, false, 2, 2, 2, shared, 0, 2, shared, 4, 2, shared, 6, 2, false),
                "C must not overlap B");
    }
}
