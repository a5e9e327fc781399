package org.elbo4j.tensor.kernel;

/**
 * Argument checks of {@link Gemm}: sizes, offsets and strides non-negative, leading dimensions at
 * least the stored width, every index that will be read or written inside its array, and C not
 * overlapping A or B. Each failure is an {@link IllegalArgumentException} that names the argument,
 * the constraint and the value.
 */
final class GemmChecks {

    private GemmChecks() {
    }

    static void check(int batch, boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int aStride, int lda,
                      float[] b, int bOff, int bStride, int ldb,
                      float[] c, int cOff, int cStride, int ldc) {
        nonNegative("batch", batch);
        nonNegative("m", m);
        nonNegative("n", n);
        nonNegative("k", k);
        notNull("a", a);
        notNull("b", b);
        notNull("c", c);
        nonNegative("aOff", aOff);
        nonNegative("bOff", bOff);
        nonNegative("cOff", cOff);
        nonNegative("aStride", aStride);
        nonNegative("bStride", bStride);
        nonNegative("cStride", cStride);
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        leading("lda", lda, "A", aRows, aCols, "transA=" + transA);
        leading("ldb", ldb, "B", bRows, bCols, "transB=" + transB);
        leading("ldc", ldc, "C", m, n, "m x n");
        if (batch > 1 && cStride == 0 && m > 0 && n > 0) {
            throw new IllegalArgumentException("Gemm: cStride must not be 0 when batch > 1 (every product"
                    + " would write the same C), got batch=" + batch);
        }
        long aEnd = end("a", a, aOff, aStride, lda, batch, aRows, aCols, "A");
        long bEnd = end("b", b, bOff, bStride, ldb, batch, bRows, bCols, "B");
        long cEnd = end("c", c, cOff, cStride, ldc, batch, m, n, "C");
        if (cEnd > cOff) {
            disjoint(c, cOff, cEnd, a, aOff, aEnd, "A");
            disjoint(c, cOff, cEnd, b, bOff, bEnd, "B");
        }
    }

    private static void nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Gemm: " + name + " must be >= 0, got " + value);
        }
    }

    private static void notNull(String name, float[] array) {
        if (array == null) {
            throw new IllegalArgumentException("Gemm: " + name + " must not be null");
        }
    }

    private static void leading(String name, int ld, String matrix, int rows, int cols, String how) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("Gemm: " + name + " must be >= max(1, " + cols + "), the width of the"
                    + " stored " + matrix + " (" + rows + " x " + cols + ", " + how + "), got " + ld);
        }
    }

    /** One past the last index touched, or {@code off} when nothing is touched; checks the length. */
    private static long end(String name, float[] array, int off, int stride, int ld, int batch,
                            int rows, int cols, String matrix) {
        if (batch == 0 || rows == 0 || cols == 0) {
            return off;
        }
        long end = off + (long) (batch - 1) * stride + (long) (rows - 1) * ld + cols;
        if (end > array.length) {
            throw new IllegalArgumentException("Gemm: " + name + " is too short: " + matrix + " (" + rows + " x " + cols
                    + ", ld " + ld + ", offset " + off + ", batch " + batch + ", stride " + stride + ") needs "
                    + end + " elements, got " + array.length);
        }
        return end;
    }

    private static void disjoint(float[] c, long cStart, long cEnd, float[] x, long xStart, long xEnd, String matrix) {
        if (c == x && xEnd > xStart && cStart < xEnd && xStart < cEnd) {
            throw new IllegalArgumentException("Gemm: C must not overlap " + matrix + ": C uses indices [" + cStart
                    + ", " + cEnd + ") and " + matrix + " uses [" + xStart + ", " + xEnd + ") of the same array");
        }
    }
}
