package org.elbo4j.tensor.kernel;

/**
 * Reductions of a contiguous float range: sum (accumulated in double) and max. Vectorized when
 * {@link Simd#enabled()}, scalar otherwise. Single-threaded: the result is the same on every call,
 * whatever {@link Parallel#threads()} is; the two paths may differ in the last bits of a sum
 * (they add in a different order) but give the same max.
 */
public final class Reduce {

    private Reduce() {
    }

    /**
     * {@code Σ a[off + i]} for i in {@code [0, n)}, in double; 0 when {@code n == 0}.
     *
     * <p>Every float converts to double exactly, and at most n − 1 double additions follow, so
     * {@code |result − exact sum| ≤ (n − 1) · 2^−53 · Σ |a[i]|} (to first order; Higham 2002,
     * eq. 4.4). For n ≤ 2^24 that is at most {@code 2^−29 · Σ|a[i]|}, well below half a float ulp
     * of {@code Σ|a[i]|}. NaN, or +∞ together with −∞, give NaN; otherwise an infinity gives it.
     *
     * <p>Implementation note: the vector path widens each float lane to a double lane and keeps
     * four vector accumulators; lanes are then added in lane order and the tail after them, so
     * the order of additions depends only on n and the vector width.
     *
     * @throws IllegalArgumentException unless {@code 0 ≤ off}, {@code 0 ≤ n} and {@code off + n ≤ a.length}
     */
    public static double sum(float[] a, int off, int n) {
        checkRange("sum", a, off, n);
        if (Simd.enabled()) {
            return VectorReduce.sum(a, off, n);
        }
        return scalarSum(a, off, n);
    }

    /**
     * {@code max a[off + i]} for i in {@code [0, n)}, ordered as {@link Math#max(float, float)}:
     * NaN if any element is NaN, and +0 above −0. That order is associative, so the result does
     * not depend on the order of comparisons and both paths give the same bits.
     *
     * @throws IllegalArgumentException if {@code n < 1} or the range does not fit in {@code a}
     */
    public static float max(float[] a, int off, int n) {
        checkRange("max", a, off, n);
        if (n < 1) {
            throw new IllegalArgumentException("Reduce.max: n must be >= 1, got " + n);
        }
        if (Simd.enabled()) {
            return VectorReduce.max(a, off, n);
        }
        return scalarMax(a, off, n);
    }

    static double scalarSum(float[] a, int off, int n) {
        double s = 0.0;
        for (int i = off; i < off + n; i++) {
            s += a[i];
        }
        return s;
    }

    static float scalarMax(float[] a, int off, int n) {
        float m = a[off];
        for (int i = off + 1; i < off + n; i++) {
            m = Math.max(m, a[i]);
        }
        return m;
    }

    private static void checkRange(String op, float[] a, int off, int n) {
        if (off < 0 || n < 0 || off > a.length - n) {
            throw new IllegalArgumentException("Reduce." + op + ": range [off, off + n) must lie in [0, "
                    + a.length + "], got off=" + off + ", n=" + n);
        }
    }
}
