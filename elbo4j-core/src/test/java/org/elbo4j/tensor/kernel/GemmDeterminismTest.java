package org.elbo4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Gemm} gives bit-identical results with 1 and 2 threads, on products large enough to be
 * split into many tasks (the split depends on the problem size only), on both paths. The narrow VAE
 * products (n = 20 or 40) check that the independent sub-products VectorGemm runs on 2 threads, the
 * one-vector kernel and the transposed product C^T = op(B)^T op(A)^T give the 1-thread bits.
 */
class GemmDeterminismTest {

    private boolean simdBefore;
    private int threadsBefore;

    @BeforeEach
    void remember() {
        simdBefore = Simd.enabled();
        threadsBefore = Parallel.threads();
    }

    @AfterEach
    void restore() {
        Simd.setEnabled(simdBefore);
        Parallel.setThreads(threadsBefore);
    }

    private static float[] run(int threads, int batch, int m, int n, int k, boolean transA, boolean transB,
                               float[] a, float[] b, boolean accumulate) {
        Parallel.setThreads(threads);
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        float[] c = new float[batch * m * n];
        java.util.Arrays.fill(c, 0.5f);
        Gemm.gemmBatched(batch, transA, transB, m, n, k, a, 0, m * k, lda, b, 0, 0, ldb, c, 0, m * n, n, accumulate);
        return c;
    }

    @ParameterizedTest(name = "simd={0} batch={1} m={2} n={3} k={4} transA={5} transB={6}")
    @CsvSource({
        "true, 1, 128, 400, 784, false, false",
        "true, 1, 128, 784, 400, false, true",
        "true, 1, 784, 400, 128, true, false",
        "true, 1, 300, 200, 1100, true, true",
        "true, 300, 24, 40, 60, false, false",
        "true, 1, 128, 40, 400, false, false",
        "true, 1, 128, 20, 400, false, true",
        "true, 1, 400, 20, 128, true, false",
        "true, 1, 400, 40, 128, true, true",
        "false, 1, 128, 400, 784, false, false",
        "false, 1, 300, 200, 500, true, true",
        "false, 300, 24, 40, 60, false, true",
    })
    void oneAndTwoThreadsGiveIdenticalBits(boolean simd, int batch, int m, int n, int k,
                                           boolean transA, boolean transB) {
        if (simd) {
            assumeTrue(Simd.available(), "jdk.incubator.vector is not in the boot layer");
        }
        Simd.setEnabled(simd);
        assertTrue(2L * m * n * k * batch >= Math.max(VectorGemm.SERIAL_FLOPS, ScalarGemm.SERIAL_FLOPS),
                "the work must be large enough to be split into parallel tasks");
        if (simd && batch == 1) {
            int[] grid = VectorGemm.grid(m, n, k, (m + GemmKernel.MR - 1) / GemmKernel.MR,
                    (n + GemmKernel.NR - 1) / GemmKernel.NR);
            assertTrue(grid[0] * grid[1] >= 2, "the product must be split into several tasks");
        }
        SplittableRandom rng = new SplittableRandom(m * 7L + n);
        float[] a = GemmReference.normals(rng, batch * m * k);
        float[] b = GemmReference.normals(rng, k * n);
        for (boolean accumulate : new boolean[] {false, true}) {
            float[] one = run(1, batch, m, n, k, transA, transB, a, b, accumulate);
            float[] two = run(2, batch, m, n, k, transA, transB, a, b, accumulate);
            assertArrayEquals(one, two, "1 vs 2 threads, accumulate=" + accumulate);
            assertEquals(2, Parallel.threads());
        }
    }
}
