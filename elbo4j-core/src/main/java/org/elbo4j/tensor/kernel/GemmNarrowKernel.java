package org.elbo4j.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one-vector-wide variant of {@link GemmKernel}: a {@value GemmKernel#MR} x {@value #NR} tile
 *
 * <pre>
 *   C[r][j] = sum_{p &lt; kc} A[r][p] * B[p][j]   (+ C[r][j] when {@code load}),   r &lt; MR, j &lt; 16
 * </pre>
 *
 * <p>used by {@link VectorGemm} for a last column panel of at most 16 columns (n = 40 leaves 8,
 * n = 400 leaves 16), where the two-vector kernel would spend half of its fused multiply-adds on
 * zero padding. A[r][p] is {@code a[ao + r*ars + p*acs]} (a packed panel has ars = 1, acs = MR);
 * B[p][j] is {@code b[bo + p*ldb + j]}. Each step loads one vector of B, broadcasts 12 scalars of
 * A and issues 12 fused multiply-adds into 12 register accumulators.
 *
 * <p>Every element is the same ascending FMA chain as in {@link GemmKernel} (the old C added once
 * at the end), so a column computed here is bit-identical to the same column computed there.
 */
final class GemmNarrowKernel {

    /** Columns of a tile: one 16-lane vector. */
    static final int NR = 16;

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;

    private GemmNarrowKernel() {
    }

    /**
     * Computes one {@code MR x NR} tile into {@code c[co + r*ldc + j]}.
     *
     * @param kc   the number of k steps (&gt;= 0)
     * @param load whether to add the tile to the old C (else C is overwritten)
     */
    static void tile(int kc, float[] a, int ao, int ars, int acs, float[] b, int bo, int ldb,
                     float[] c, int co, int ldc, boolean load) {
        FloatVector z = FloatVector.zero(S);
        FloatVector v0 = z;
        FloatVector v1 = z;
        FloatVector v2 = z;
        FloatVector v3 = z;
        FloatVector v4 = z;
        FloatVector v5 = z;
        FloatVector v6 = z;
        FloatVector v7 = z;
        FloatVector v8 = z;
        FloatVector v9 = z;
        FloatVector v10 = z;
        FloatVector v11 = z;
        int o1 = ars;
        int o2 = o1 + ars;
        int o3 = o2 + ars;
        int o4 = o3 + ars;
        int o5 = o4 + ars;
        int o6 = o5 + ars;
        int o7 = o6 + ars;
        int o8 = o7 + ars;
        int o9 = o8 + ars;
        int o10 = o9 + ars;
        int o11 = o10 + ars;
        for (int p = 0; p < kc; p++) {
            FloatVector y = FloatVector.fromArray(S, b, bo);
            v0 = FloatVector.broadcast(S, a[ao]).fma(y, v0);
            v1 = FloatVector.broadcast(S, a[ao + o1]).fma(y, v1);
            v2 = FloatVector.broadcast(S, a[ao + o2]).fma(y, v2);
            v3 = FloatVector.broadcast(S, a[ao + o3]).fma(y, v3);
            v4 = FloatVector.broadcast(S, a[ao + o4]).fma(y, v4);
            v5 = FloatVector.broadcast(S, a[ao + o5]).fma(y, v5);
            v6 = FloatVector.broadcast(S, a[ao + o6]).fma(y, v6);
            v7 = FloatVector.broadcast(S, a[ao + o7]).fma(y, v7);
            v8 = FloatVector.broadcast(S, a[ao + o8]).fma(y, v8);
            v9 = FloatVector.broadcast(S, a[ao + o9]).fma(y, v9);
            v10 = FloatVector.broadcast(S, a[ao + o10]).fma(y, v10);
            v11 = FloatVector.broadcast(S, a[ao + o11]).fma(y, v11);
            ao += acs;
            bo += ldb;
        }
        if (load) {
            v0 = v0.add(FloatVector.fromArray(S, c, co));
            v1 = v1.add(FloatVector.fromArray(S, c, co + ldc));
            v2 = v2.add(FloatVector.fromArray(S, c, co + 2 * ldc));
            v3 = v3.add(FloatVector.fromArray(S, c, co + 3 * ldc));
            v4 = v4.add(FloatVector.fromArray(S, c, co + 4 * ldc));
            v5 = v5.add(FloatVector.fromArray(S, c, co + 5 * ldc));
            v6 = v6.add(FloatVector.fromArray(S, c, co + 6 * ldc));
            v7 = v7.add(FloatVector.fromArray(S, c, co + 7 * ldc));
            v8 = v8.add(FloatVector.fromArray(S, c, co + 8 * ldc));
            v9 = v9.add(FloatVector.fromArray(S, c, co + 9 * ldc));
            v10 = v10.add(FloatVector.fromArray(S, c, co + 10 * ldc));
            v11 = v11.add(FloatVector.fromArray(S, c, co + 11 * ldc));
        }
        v0.intoArray(c, co);
        v1.intoArray(c, co + ldc);
        v2.intoArray(c, co + 2 * ldc);
        v3.intoArray(c, co + 3 * ldc);
        v4.intoArray(c, co + 4 * ldc);
        v5.intoArray(c, co + 5 * ldc);
        v6.intoArray(c, co + 6 * ldc);
        v7.intoArray(c, co + 7 * ldc);
        v8.intoArray(c, co + 8 * ldc);
        v9.intoArray(c, co + 9 * ldc);
        v10.intoArray(c, co + 10 * ldc);
        v11.intoArray(c, co + 11 * ldc);
    }
}
