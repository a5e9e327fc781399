package org.elbo4j.bayes.models;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.elbo4j.tensor.kernel.VectorWidth;

/**
 * The Vector API path of {@link GramKernel#accumulate}: h_aj += Σ_i u_ia z_ij for a tile of 4 rows
 * a × 3 vectors of columns j (12 accumulators held in registers across the rows i of the block;
 * per i, 3 vector loads of z, 4 broadcasts of u, 12 fused multiply-adds), then 4 × 2-vector
 * tiles for the columns left (a single vector left, only in the first rows at 512 bits, goes to
 * the scalar loop: fewer kernel methods compile sooner in a cold JVM). Lanes run over the column j and each h_aj is the chain
 * fma(u_ia, z_ij, ·) in order of i, as in the scalar path: the same bits at every width. Loaded
 * only when {@link org.elbo4j.tensor.kernel.Simd#enabled()}.
 */
final class VectorGram {

    private static final VectorSpecies<Double> S = VectorWidth.bits() == DoubleVector.SPECIES_PREFERRED.vectorBitSize()
            ? DoubleVector.SPECIES_PREFERRED
            : VectorSpecies.of(double.class, VectorShape.forBitSize(Math.max(128, VectorWidth.bits())));

    private VectorGram() {
    }

    /** As {@link GramKernel#accumulate}; kp is a multiple of 8, so of the lane count. */
    static void accumulate(double[] h, int kp, double[] z, double[] u, int len, int aFrom, int aTo) {
        int lanes = S.length();
        for (int a0 = aFrom; a0 < aTo; a0 += GramKernel.TILE_ROWS) {
            int jEnd = Math.min(kp, (a0 + GramKernel.TILE_ROWS + lanes - 1) / lanes * lanes);
            int j0 = 0;
            // whole vectors left: 3 at a time, but 4 as 2 + 2 and 2 by tile2 (8 accumulators are
            // enough for two FMA pipes; a 4 × 1 tile's 4 are not)
            for (int left = jEnd / lanes; left > 0; ) {
                if (left >= 3 && left != 4) {
                    tile3(h, kp, z, u, len, a0, j0);
                    j0 += 3 * lanes;
                    left -= 3;
                } else if (left >= 2) {
                    tile2(h, kp, z, u, len, a0, j0);
                    j0 += 2 * lanes;
                    left -= 2;
                } else {
                    // one vector (only the first rows at 512 bits): the scalar loop, the same chains
                    GramKernel.scalar(h, kp, z, u, len, a0, a0 + GramKernel.TILE_ROWS);
                    left--;
                }
            }
        }
    }

    private static void tile3(double[] h, int kp, double[] z, double[] u, int len, int a0, int j0) {
        int lanes = S.length();
        int r0 = a0 * kp + j0;
        int r1 = r0 + kp;
        int r2 = r1 + kp;
        int r3 = r2 + kp;
        DoubleVector c00 = DoubleVector.fromArray(S, h, r0);
        DoubleVector c01 = DoubleVector.fromArray(S, h, r0 + lanes);
        DoubleVector c02 = DoubleVector.fromArray(S, h, r0 + 2 * lanes);
        DoubleVector c10 = DoubleVector.fromArray(S, h, r1);
        DoubleVector c11 = DoubleVector.fromArray(S, h, r1 + lanes);
        DoubleVector c12 = DoubleVector.fromArray(S, h, r1 + 2 * lanes);
        DoubleVector c20 = DoubleVector.fromArray(S, h, r2);
        DoubleVector c21 = DoubleVector.fromArray(S, h, r2 + lanes);
        DoubleVector c22 = DoubleVector.fromArray(S, h, r2 + 2 * lanes);
        DoubleVector c30 = DoubleVector.fromArray(S, h, r3);
        DoubleVector c31 = DoubleVector.fromArray(S, h, r3 + lanes);
        DoubleVector c32 = DoubleVector.fromArray(S, h, r3 + 2 * lanes);
        for (int i = 0, o = 0; i < len; i++, o += kp) {
            DoubleVector z0 = DoubleVector.fromArray(S, z, o + j0);
            DoubleVector z1 = DoubleVector.fromArray(S, z, o + j0 + lanes);
            DoubleVector z2 = DoubleVector.fromArray(S, z, o + j0 + 2 * lanes);
            DoubleVector w = DoubleVector.broadcast(S, u[o + a0]);
            c00 = w.fma(z0, c00);
            c01 = w.fma(z1, c01);
            c02 = w.fma(z2, c02);
            w = DoubleVector.broadcast(S, u[o + a0 + 1]);
            c10 = w.fma(z0, c10);
            c11 = w.fma(z1, c11);
            c12 = w.fma(z2, c12);
            w = DoubleVector.broadcast(S, u[o + a0 + 2]);
            c20 = w.fma(z0, c20);
            c21 = w.fma(z1, c21);
            c22 = w.fma(z2, c22);
            w = DoubleVector.broadcast(S, u[o + a0 + 3]);
            c30 = w.fma(z0, c30);
            c31 = w.fma(z1, c31);
            c32 = w.fma(z2, c32);
        }
        c00.intoArray(h, r0);
        c01.intoArray(h, r0 + lanes);
        c02.intoArray(h, r0 + 2 * lanes);
        c10.intoArray(h, r1);
        c11.intoArray(h, r1 + lanes);
        c12.intoArray(h, r1 + 2 * lanes);
        c20.intoArray(h, r2);
        c21.intoArray(h, r2 + lanes);
        c22.intoArray(h, r2 + 2 * lanes);
        c30.intoArray(h, r3);
        c31.intoArray(h, r3 + lanes);
        c32.intoArray(h, r3 + 2 * lanes);
    }

    private static void tile2(double[] h, int kp, double[] z, double[] u, int len, int a0, int j0) {
        int lanes = S.length();
        int r0 = a0 * kp + j0;
        DoubleVector c00 = DoubleVector.fromArray(S, h, r0);
        DoubleVector c01 = DoubleVector.fromArray(S, h, r0 + lanes);
        DoubleVector c10 = DoubleVector.fromArray(S, h, r0 + kp);
        DoubleVector c11 = DoubleVector.fromArray(S, h, r0 + kp + lanes);
        DoubleVector c20 = DoubleVector.fromArray(S, h, r0 + 2 * kp);
        DoubleVector c21 = DoubleVector.fromArray(S, h, r0 + 2 * kp + lanes);
        DoubleVector c30 = DoubleVector.fromArray(S, h, r0 + 3 * kp);
        DoubleVector c31 = DoubleVector.fromArray(S, h, r0 + 3 * kp + lanes);
        for (int i = 0, o = 0; i < len; i++, o += kp) {
            DoubleVector z0 = DoubleVector.fromArray(S, z, o + j0);
            DoubleVector z1 = DoubleVector.fromArray(S, z, o + j0 + lanes);
            DoubleVector w = DoubleVector.broadcast(S, u[o + a0]);
            c00 = w.fma(z0, c00);
            c01 = w.fma(z1, c01);
            w = DoubleVector.broadcast(S, u[o + a0 + 1]);
            c10 = w.fma(z0, c10);
            c11 = w.fma(z1, c11);
            w = DoubleVector.broadcast(S, u[o + a0 + 2]);
            c20 = w.fma(z0, c20);
            c21 = w.fma(z1, c21);
            w = DoubleVector.broadcast(S, u[o + a0 + 3]);
            c30 = w.fma(z0, c30);
            c31 = w.fma(z1, c31);
        }
        c00.intoArray(h, r0);
        c01.intoArray(h, r0 + lanes);
        c10.intoArray(h, r0 + kp);
        c11.intoArray(h, r0 + kp + lanes);
        c20.intoArray(h, r0 + 2 * kp);
        c21.intoArray(h, r0 + 2 * kp + lanes);
        c30.intoArray(h, r0 + 3 * kp);
        c31.intoArray(h, r0 + 3 * kp + lanes);
    }
}
