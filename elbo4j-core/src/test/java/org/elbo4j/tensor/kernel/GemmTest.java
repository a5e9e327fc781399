package org.elbo4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Every path of {@link Gemm} (the scalar one and each vector kernel family this machine can run,
 * {@link GemmPaths}) against the double triple loop: every
 * transpose combination, accumulate on and off, padded leading dimensions and offsets, sizes of 1,
 * primes and sizes that are not multiples of the 12 x 32, 6 x 16 or 8 x 12 tiles or of the k block, products split
 * into several parallel tasks and packed in several k chunks; batched products with broadcast
 * operands; k = 0. Tolerance: {@link GemmReference#ERROR_FACTOR}.
 */
class GemmTest {

    private boolean simdBefore;

    @BeforeEach
    void remember() {
        simdBefore = Simd.enabled();
    }

    @AfterEach
    void restore() {
        GemmPaths.restore(simdBefore);
    }

    /** (m, n, k): ones, primes, tile and k-block edges, the VAE shapes, a parallel grid. */
    static final int[][] SHAPES = {
        {1, 1, 1}, {1, 7, 13}, {7, 1, 13}, {13, 7, 1}, {7, 13, 129}, {129, 13, 7},
        {12, 32, 1}, {12, 32, 256}, {13, 33, 257}, {24, 64, 300}, {11, 31, 255},
        {129, 257, 13}, {257, 129, 513}, {128, 20, 400}, {128, 400, 20}, {400, 20, 128}, {20, 400, 128},
        {64, 64, 64}, {100, 70, 600}, {6, 16, 5}, {8, 12, 5}, {7, 20, 9}, {9, 4, 33}, {17, 9, 3},
    };

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (int width : GemmPaths.widths()) {
            for (int[] s : SHAPES) {
                for (int t = 0; t < 4; t++) {
                    list.add(Arguments.of(width, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
                }
            }
        }
        return list.stream();
    }

    private static void path(int width) {
        GemmPaths.use(width);
    }

    @ParameterizedTest(name = "bits={0} m={1} n={2} k={3} transA={4} transB={5}")
    @MethodSource("cases")
    void matchesTheDoubleTripleLoop(int width, int m, int n, int k, boolean transA, boolean transB) {
        path(width);
        GemmReference r = new GemmReference(31L * m + 17L * n + k, m, n, k, transA, transB);
        for (boolean accumulate : new boolean[] {false, true}) {
            r.check(r.run(accumulate), accumulate, r.label(accumulate));
        }
    }

    @ParameterizedTest(name = "bits={0}")
    @MethodSource("vectorPaths")
    void longKIsPackedInSeveralChunksAndStillCorrect(int width) {
        // (m + n) * k floats of packed panels exceed VectorGemm.PACK_CAP, so k is packed in 2 chunks
        path(width);
        GemmReference r = new GemmReference(5, 12, 4000, 1100, false, true);
        assertEquals(true, (12L + 4000) * 1100 > VectorGemm.PACK_CAP, "the shape must need two chunks");
        for (boolean accumulate : new boolean[] {false, true}) {
            r.check(r.run(accumulate), accumulate, r.label(accumulate));
        }
    }

    @ParameterizedTest(name = "bits={0}")
    @MethodSource("paths")
    void zeroKGivesZeroOrLeavesCUnchanged(int width) {
        path(width);
        GemmReference r = new GemmReference(9, 13, 33, 0, false, false);
        r.check(r.run(false), false, "k=0");
        assertArrayEquals(r.c0, r.run(true), "k=0 with accumulate leaves C as it was");
    }

    @ParameterizedTest(name = "bits={0}")
    @MethodSource("paths")
    void emptyProductsWriteNothing(int width) {
        path(width);
        float[] c = {1, 2, 3};
        Gemm.gemm(false, false, 0, 3, 5, new float[0], 0, 5, new float[15], 0, 3, c, 0, 3, false);
        Gemm.gemm(false, false, 1, 0, 5, new float[5], 0, 5, new float[0], 0, 1, c, 0, 1, false);
        Gemm.gemmBatched(0, false, false, 1, 3, 1, new float[1], 0, 1, 1, new float[3], 0, 3, 3, c, 0, 3, 3, false);
        assertArrayEquals(new float[] {1, 2, 3}, c);
    }

    static Stream<Integer> paths() {
        return GemmPaths.widths().stream();
    }

    static Stream<Integer> vectorPaths() {
        return GemmPaths.vectorWidths().stream();
    }

    static Stream<Arguments> batchedCases() {
        List<Arguments> list = new ArrayList<>();
        for (int width : GemmPaths.widths()) {
            // (batch, m, n, k, aStrideZero, bStrideZero, transA, transB): small products run whole
            // per task, large ones are split inside
            list.add(Arguments.of(width, 5, 13, 33, 7, false, false, false, false));
            list.add(Arguments.of(width, 40, 12, 16, 20, true, false, true, false));
            list.add(Arguments.of(width, 40, 12, 16, 20, false, true, false, true));
            list.add(Arguments.of(width, 3, 129, 70, 300, true, false, false, true));
            list.add(Arguments.of(width, 3, 129, 70, 300, false, true, true, true));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "bits={0} batch={1} m={2} n={3} k={4} a0={5} b0={6} tA={7} tB={8}")
    @MethodSource("batchedCases")
    void batchedProductsWithBroadcastMatchTheLoop(int width, int batch, int m, int n, int k,
                                                  boolean aShared, boolean bShared, boolean transA, boolean transB) {
        path(width);
        SplittableRandom rng = new SplittableRandom(batch * 1000L + m);
        int lda = (transA ? m : k) + 1;
        int ldb = (transB ? k : n) + 2;
        int ldc = n + 3;
        int aSize = (transA ? k : m) * lda;
        int bSize = (transB ? n : k) * ldb;
        int cSize = m * ldc + 1;
        int aStride = aShared ? 0 : aSize + 4;
        int bStride = bShared ? 0 : bSize + 5;
        float[] a = GemmReference.normals(rng, 2 + (aShared ? aSize : batch * aStride));
        float[] b = GemmReference.normals(rng, 1 + (bShared ? bSize : batch * bStride));
        float[] c0 = GemmReference.normals(rng, 3 + batch * cSize);
        for (boolean accumulate : new boolean[] {false, true}) {
            float[] c = c0.clone();
            Gemm.gemmBatched(batch, transA, transB, m, n, k, a, 2, aStride, lda, b, 1, bStride, ldb,
                    c, 3, cSize, ldc, accumulate);
            for (int e = 0; e < batch; e++) {
                // the e-th product alone: its own A (or the shared one), B and C0
                float[] ae = slice(a, 2 + e * aStride, aSize);
                float[] be = slice(b, 1 + e * bStride, bSize);
                float[] ce = slice(c0, 3 + e * cSize, cSize);
                float[] ref = reference(ae, be, ce, m, n, k, transA, transB, lda, ldb, ldc, accumulate);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        int idx = i * ldc + j;
                        float got = c[3 + e * cSize + idx];
                        double bound = GemmReference.ERROR_FACTOR * Math.sqrt(k + 1.0) * 0x1p-24 * ref[cSize + idx]
                                + Double.MIN_NORMAL;
                        if (!(Math.abs(got - ref[idx]) <= bound)) {
                            throw new AssertionError("batch entry " + e + " C[" + i + "][" + j + "] = " + got
                                    + ", expected " + ref[idx] + " (accumulate=" + accumulate + ")");
                        }
                    }
                }
            }
        }
    }

    private static float[] slice(float[] x, int from, int len) {
        return java.util.Arrays.copyOfRange(x, from, from + len);
    }

    /** Double triple loop; returns [C as float (ldc layout), then the bound sums sum|a b| + |C0|]. */
    private static float[] reference(float[] a, float[] b, float[] c0, int m, int n, int k, boolean transA,
                                     boolean transB, int lda, int ldb, int ldc, boolean accumulate) {
        float[] out = new float[2 * c0.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = accumulate ? c0[i * ldc + j] : 0;
                double abs = Math.abs(sum);
                for (int p = 0; p < k; p++) {
                    double t = (double) (transA ? a[p * lda + i] : a[i * lda + p])
                            * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                    sum += t;
                    abs += Math.abs(t);
                }
                out[i * ldc + j] = (float) sum;
                out[c0.length + i * ldc + j] = (float) abs;
            }
        }
        return out;
    }
}
