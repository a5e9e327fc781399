package org.elbo4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
        GemmPaths.restore(simdBefore);
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

    /** (batch, m, n, k, transA, transB), run on every path of {@link GemmPaths#widths()}. */
    static final String[] CASES = {
        "1, 128, 400, 784, false, false",
        "1, 128, 784, 400, false, true",
        "1, 784, 400, 128, true, false",
        "1, 300, 200, 1100, true, true",
        "300, 24, 40, 60, false, false",
        "1, 128, 40, 400, false, false",
        "1, 128, 20, 400, false, true",
        "1, 400, 20, 128, true, false",
        "1, 400, 40, 128, true, true",
        "300, 24, 40, 60, false, true",
    };

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (int width : GemmPaths.widths()) {
            for (String c : CASES) {
                String[] f = c.split(",\\s*");
                list.add(Arguments.of(width, Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                        Integer.parseInt(f[3]), Boolean.parseBoolean(f[4]), Boolean.parseBoolean(f[5])));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "bits={0} batch={1} m={2} n={3} k={4} transA={5} transB={6}")
    @MethodSource("cases")
    void oneAndTwoThreadsGiveIdenticalBits(int width, int batch, int m, int n, int k,
                                           boolean transA, boolean transB) {
        GemmPaths.use(width);
        assertTrue(2L * m * n * k * batch >= Math.max(VectorGemm.SERIAL_FLOPS, ScalarGemm.SERIAL_FLOPS),
                "the work must be large enough to be split into parallel tasks");
        if (width > 0 && batch == 1 && m >= 128) {
            GemmMicroKernel kernel = GemmMicroKernel.active();
            int[] grid = VectorGemm.grid(m, n, k, (m + kernel.mr - 1) / kernel.mr, (n + kernel.nr - 1) / kernel.nr);
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
