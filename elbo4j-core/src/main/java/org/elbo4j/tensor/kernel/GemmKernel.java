package org.elbo4j.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tiled micro-kernel of {@link VectorGemm}: one {@value #MR} x {@value #NR} tile
 *
 * <pre>
 *   C[r][j] = sum_{p &lt; kc} A[r][p] * B[p][j]   (+ C[r][j] when {@code load})
 * </pre>
 *
 * <p>from packed panels ({@link GemmPack}): {@code ap[ao + p*MR + r]} holds A[r][p] and
 * {@code bp[bo + p*NR + j]} holds B[p][j]. The 24 accumulators (12 rows x two 16-lane vectors)
 * live in registers for the whole k loop; each step loads two vectors of B, broadcasts 12
 * scalars of A straight from memory and issues 24 fused multiply-adds. The sum over p runs in
 * ascending order with one rounding per FMA, and the old C is added once at the end.
 *
 * <p>Implementation note: the tile is a single straight-line method on purpose. Splitting the
 * epilogue into helpers that take vectors as arguments makes C2 box them (its node-count
 * inlining cutoff is reached) and the kernel runs 20x slower; 12 x 2 vectors also leaves enough
 * spare registers that neither JDK 17 nor 25 spills an accumulator. It requires 16-lane (512-bit)
 * float vectors.
 */
final class GemmKernel {

    /** Rows of a tile (the broadcast dimension). */
    static final int MR = 12;
    /** Columns of a tile: two 16-lane vectors. */
    static final int NR = 32;

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;

    private GemmKernel() {
    }

    /** True when this JVM's preferred float vector has the 16 lanes the kernel is written for. */
    static boolean supported() {
        return FloatVector.SPECIES_PREFERRED.length() >= 16;
    }

    /**
     * Computes one full tile into {@code c[co + r*ldc + j]}, {@code r < MR, j < NR}.
     *
     * @param kc   the number of k steps (&gt;= 0)
     * @param ap   packed A; the panel starts at {@code ao} and holds {@code kc * MR} floats
     * @param bp   packed B; the panel starts at {@code bo} and holds {@code kc * NR} floats
     * @param load whether to add the tile to the old C (else C is overwritten)
     */
    static void tile(int kc, float[] ap, int ao, float[] bp, int bo,
                     float[] c, int co, int ldc, boolean load) {
        FloatVector z = FloatVector.zero(S);
        FloatVector l0 = z, r0 = z;
        FloatVector l1 = z, r1 = z;
        FloatVector l2 = z, r2 = z;
        FloatVector l3 = z, r3 = z;
        FloatVector l4 = z, r4 = z;
        FloatVector l5 = z, r5 = z;
        FloatVector l6 = z, r6 = z;
        FloatVector l7 = z, r7 = z;
        FloatVector l8 = z, r8 = z;
        FloatVector l9 = z, r9 = z;
        FloatVector l10 = z, r10 = z;
        FloatVector l11 = z, r11 = z;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + 16);
            FloatVector x;
            x = FloatVector.broadcast(S, ap[ao]);
            l0 = x.fma(b0, l0);
            r0 = x.fma(b1, r0);
            x = FloatVector.broadcast(S, ap[ao + 1]);
            l1 = x.fma(b0, l1);
            r1 = x.fma(b1, r1);
            x = FloatVector.broadcast(S, ap[ao + 2]);
            l2 = x.fma(b0, l2);
            r2 = x.fma(b1, r2);
            x = FloatVector.broadcast(S, ap[ao + 3]);
            l3 = x.fma(b0, l3);
            r3 = x.fma(b1, r3);
            x = FloatVector.broadcast(S, ap[ao + 4]);
            l4 = x.fma(b0, l4);
            r4 = x.fma(b1, r4);
            x = FloatVector.broadcast(S, ap[ao + 5]);
            l5 = x.fma(b0, l5);
            r5 = x.fma(b1, r5);
            x = FloatVector.broadcast(S, ap[ao + 6]);
            l6 = x.fma(b0, l6);
            r6 = x.fma(b1, r6);
            x = FloatVector.broadcast(S, ap[ao + 7]);
            l7 = x.fma(b0, l7);
            r7 = x.fma(b1, r7);
            x = FloatVector.broadcast(S, ap[ao + 8]);
            l8 = x.fma(b0, l8);
            r8 = x.fma(b1, r8);
            x = FloatVector.broadcast(S, ap[ao + 9]);
            l9 = x.fma(b0, l9);
            r9 = x.fma(b1, r9);
            x = FloatVector.broadcast(S, ap[ao + 10]);
            l10 = x.fma(b0, l10);
            r10 = x.fma(b1, r10);
            x = FloatVector.broadcast(S, ap[ao + 11]);
            l11 = x.fma(b0, l11);
            r11 = x.fma(b1, r11);
            ao += MR;
            bo += NR;
        }
        if (load) {
            l0 = l0.add(FloatVector.fromArray(S, c, co));
            r0 = r0.add(FloatVector.fromArray(S, c, co + 16));
            l1 = l1.add(FloatVector.fromArray(S, c, co + ldc));
            r1 = r1.add(FloatVector.fromArray(S, c, co + ldc + 16));
            l2 = l2.add(FloatVector.fromArray(S, c, co + 2 * ldc));
            r2 = r2.add(FloatVector.fromArray(S, c, co + 2 * ldc + 16));
            l3 = l3.add(FloatVector.fromArray(S, c, co + 3 * ldc));
            r3 = r3.add(FloatVector.fromArray(S, c, co + 3 * ldc + 16));
            l4 = l4.add(FloatVector.fromArray(S, c, co + 4 * ldc));
            r4 = r4.add(FloatVector.fromArray(S, c, co + 4 * ldc + 16));
            l5 = l5.add(FloatVector.fromArray(S, c, co + 5 * ldc));
            r5 = r5.add(FloatVector.fromArray(S, c, co + 5 * ldc + 16));
            l6 = l6.add(FloatVector.fromArray(S, c, co + 6 * ldc));
            r6 = r6.add(FloatVector.fromArray(S, c, co + 6 * ldc + 16));
            l7 = l7.add(FloatVector.fromArray(S, c, co + 7 * ldc));
            r7 = r7.add(FloatVector.fromArray(S, c, co + 7 * ldc + 16));
            l8 = l8.add(FloatVector.fromArray(S, c, co + 8 * ldc));
            r8 = r8.add(FloatVector.fromArray(S, c, co + 8 * ldc + 16));
            l9 = l9.add(FloatVector.fromArray(S, c, co + 9 * ldc));
            r9 = r9.add(FloatVector.fromArray(S, c, co + 9 * ldc + 16));
            l10 = l10.add(FloatVector.fromArray(S, c, co + 10 * ldc));
            r10 = r10.add(FloatVector.fromArray(S, c, co + 10 * ldc + 16));
            l11 = l11.add(FloatVector.fromArray(S, c, co + 11 * ldc));
            r11 = r11.add(FloatVector.fromArray(S, c, co + 11 * ldc + 16));
        }
        l0.intoArray(c, co);
        r0.intoArray(c, co + 16);
        l1.intoArray(c, co + ldc);
        r1.intoArray(c, co + ldc + 16);
        l2.intoArray(c, co + 2 * ldc);
        r2.intoArray(c, co + 2 * ldc + 16);
        l3.intoArray(c, co + 3 * ldc);
        r3.intoArray(c, co + 3 * ldc + 16);
        l4.intoArray(c, co + 4 * ldc);
        r4.intoArray(c, co + 4 * ldc + 16);
        l5.intoArray(c, co + 5 * ldc);
        r5.intoArray(c, co + 5 * ldc + 16);
        l6.intoArray(c, co + 6 * ldc);
        r6.intoArray(c, co + 6 * ldc + 16);
        l7.intoArray(c, co + 7 * ldc);
        r7.intoArray(c, co + 7 * ldc + 16);
        l8.intoArray(c, co + 8 * ldc);
        r8.intoArray(c, co + 8 * ldc + 16);
        l9.intoArray(c, co + 9 * ldc);
        r9.intoArray(c, co + 9 * ldc + 16);
        l10.intoArray(c, co + 10 * ldc);
        r10.intoArray(c, co + 10 * ldc + 16);
        l11.intoArray(c, co + 11 * ldc);
        r11.intoArray(c, co + 11 * ldc + 16);
    }


    /**
     * The same tile with both operands read in place: {@code A[r][p] = a[ao + r*ars + p*acs]} and
     * {@code B[p][j] = b[bo + p*ldb + j]} (rows of op(B) contiguous). For products too small to
     * amortize a packing pass; slower per flop than {@link #tile} (strided addresses, range checks
     * kept in the loop), but no pass over the operands before the first flop.
     */
    static void tileDirect(int kc, float[] a, int ao, int ars, int acs, float[] b, int bo, int ldb,
                           float[] c, int co, int ldc, boolean load) {
        FloatVector z = FloatVector.zero(S);
        FloatVector l0 = z, r0 = z;
        FloatVector l1 = z, r1 = z;
        FloatVector l2 = z, r2 = z;
        FloatVector l3 = z, r3 = z;
        FloatVector l4 = z, r4 = z;
        FloatVector l5 = z, r5 = z;
        FloatVector l6 = z, r6 = z;
        FloatVector l7 = z, r7 = z;
        FloatVector l8 = z, r8 = z;
        FloatVector l9 = z, r9 = z;
        FloatVector l10 = z, r10 = z;
        FloatVector l11 = z, r11 = z;
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
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + 16);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ao]);
            l0 = x.fma(b0, l0);
            r0 = x.fma(b1, r0);
            x = FloatVector.broadcast(S, a[ao + o1]);
            l1 = x.fma(b0, l1);
            r1 = x.fma(b1, r1);
            x = FloatVector.broadcast(S, a[ao + o2]);
            l2 = x.fma(b0, l2);
            r2 = x.fma(b1, r2);
            x = FloatVector.broadcast(S, a[ao + o3]);
            l3 = x.fma(b0, l3);
            r3 = x.fma(b1, r3);
            x = FloatVector.broadcast(S, a[ao + o4]);
            l4 = x.fma(b0, l4);
            r4 = x.fma(b1, r4);
            x = FloatVector.broadcast(S, a[ao + o5]);
            l5 = x.fma(b0, l5);
            r5 = x.fma(b1, r5);
            x = FloatVector.broadcast(S, a[ao + o6]);
            l6 = x.fma(b0, l6);
            r6 = x.fma(b1, r6);
            x = FloatVector.broadcast(S, a[ao + o7]);
            l7 = x.fma(b0, l7);
            r7 = x.fma(b1, r7);
            x = FloatVector.broadcast(S, a[ao + o8]);
            l8 = x.fma(b0, l8);
            r8 = x.fma(b1, r8);
            x = FloatVector.broadcast(S, a[ao + o9]);
            l9 = x.fma(b0, l9);
            r9 = x.fma(b1, r9);
            x = FloatVector.broadcast(S, a[ao + o10]);
            l10 = x.fma(b0, l10);
            r10 = x.fma(b1, r10);
            x = FloatVector.broadcast(S, a[ao + o11]);
            l11 = x.fma(b0, l11);
            r11 = x.fma(b1, r11);
            ao += acs;
            bo += ldb;
        }
        if (load) {
            l0 = l0.add(FloatVector.fromArray(S, c, co));
            r0 = r0.add(FloatVector.fromArray(S, c, co + 16));
            l1 = l1.add(FloatVector.fromArray(S, c, co + ldc));
            r1 = r1.add(FloatVector.fromArray(S, c, co + ldc + 16));
            l2 = l2.add(FloatVector.fromArray(S, c, co + 2 * ldc));
            r2 = r2.add(FloatVector.fromArray(S, c, co + 2 * ldc + 16));
            l3 = l3.add(FloatVector.fromArray(S, c, co + 3 * ldc));
            r3 = r3.add(FloatVector.fromArray(S, c, co + 3 * ldc + 16));
            l4 = l4.add(FloatVector.fromArray(S, c, co + 4 * ldc));
            r4 = r4.add(FloatVector.fromArray(S, c, co + 4 * ldc + 16));
            l5 = l5.add(FloatVector.fromArray(S, c, co + 5 * ldc));
            r5 = r5.add(FloatVector.fromArray(S, c, co + 5 * ldc + 16));
            l6 = l6.add(FloatVector.fromArray(S, c, co + 6 * ldc));
            r6 = r6.add(FloatVector.fromArray(S, c, co + 6 * ldc + 16));
            l7 = l7.add(FloatVector.fromArray(S, c, co + 7 * ldc));
            r7 = r7.add(FloatVector.fromArray(S, c, co + 7 * ldc + 16));
            l8 = l8.add(FloatVector.fromArray(S, c, co + 8 * ldc));
            r8 = r8.add(FloatVector.fromArray(S, c, co + 8 * ldc + 16));
            l9 = l9.add(FloatVector.fromArray(S, c, co + 9 * ldc));
            r9 = r9.add(FloatVector.fromArray(S, c, co + 9 * ldc + 16));
            l10 = l10.add(FloatVector.fromArray(S, c, co + 10 * ldc));
            r10 = r10.add(FloatVector.fromArray(S, c, co + 10 * ldc + 16));
            l11 = l11.add(FloatVector.fromArray(S, c, co + 11 * ldc));
            r11 = r11.add(FloatVector.fromArray(S, c, co + 11 * ldc + 16));
        }
        l0.intoArray(c, co);
        r0.intoArray(c, co + 16);
        l1.intoArray(c, co + ldc);
        r1.intoArray(c, co + ldc + 16);
        l2.intoArray(c, co + 2 * ldc);
        r2.intoArray(c, co + 2 * ldc + 16);
        l3.intoArray(c, co + 3 * ldc);
        r3.intoArray(c, co + 3 * ldc + 16);
        l4.intoArray(c, co + 4 * ldc);
        r4.intoArray(c, co + 4 * ldc + 16);
        l5.intoArray(c, co + 5 * ldc);
        r5.intoArray(c, co + 5 * ldc + 16);
        l6.intoArray(c, co + 6 * ldc);
        r6.intoArray(c, co + 6 * ldc + 16);
        l7.intoArray(c, co + 7 * ldc);
        r7.intoArray(c, co + 7 * ldc + 16);
        l8.intoArray(c, co + 8 * ldc);
        r8.intoArray(c, co + 8 * ldc + 16);
        l9.intoArray(c, co + 9 * ldc);
        r9.intoArray(c, co + 9 * ldc + 16);
        l10.intoArray(c, co + 10 * ldc);
        r10.intoArray(c, co + 10 * ldc + 16);
        l11.intoArray(c, co + 11 * ldc);
        r11.intoArray(c, co + 11 * ldc + 16);
    }
}
