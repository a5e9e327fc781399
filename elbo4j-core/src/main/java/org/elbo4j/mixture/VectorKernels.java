package org.elbo4j.mixture;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.elbo4j.tensor.kernel.VectorWidth;

/**
 * The Vector API forms of the two hot loops of the mixture fits, used when
 * {@link org.elbo4j.tensor.kernel.Simd#enabled()} (the class is loaded only then):
 * <ul>
 *   <li>{@link #distances}: m_i = |A x_i − A μ|² for four vectors of points at a time, each
 *       y_j = Σ_{l≤j} A_jl x_il a chain of fused multiply-adds held in registers;</li>
 *   <li>{@link #scatter}: s_ab += Σ_i w_ai v_bi, four b at a time, lanes summed at the end.</li>
 * </ul>
 * Lanes are added in an order fixed by the vector width, so results are the same for any thread
 * count at a given width (and may differ from the scalar path in the last bits).
 */
final class VectorKernels {

    private static final VectorSpecies<Double> D = VectorWidth.bits() == DoubleVector.SPECIES_PREFERRED.vectorBitSize()
            ? DoubleVector.SPECIES_PREFERRED
            : VectorSpecies.of(double.class, VectorShape.forBitSize(Math.max(128, VectorWidth.bits())));

    private VectorKernels() {
    }

    /**
     * Squared whitened distances of the block at {@code off} (column stride {@link MixtureData#BLOCK})
     * for the lower-triangular d×d matrix {@code a} and shift {@code s = A μ}; the points past the
     * last full group of 4 vectors go to {@code tail}, which computes the rest and returns.
     */
    static int distances(double[] x, int off, int count, double[] a, double[] s, int d, double[] out) {
        final int B = MixtureData.BLOCK;
        int lanes = D.length();
        int step = 4 * lanes;
        int i = 0;
        for (; i + step <= count; i += step) {
            DoubleVector m0 = DoubleVector.zero(D);
            DoubleVector m1 = m0;
            DoubleVector m2 = m0;
            DoubleVector m3 = m0;
            for (int j = 0; j < d; j++) {
                DoubleVector y0 = DoubleVector.broadcast(D, -s[j]);
                DoubleVector y1 = y0;
                DoubleVector y2 = y0;
                DoubleVector y3 = y0;
                int row = j * d;
                for (int l = 0; l <= j; l++) {
                    DoubleVector w = DoubleVector.broadcast(D, a[row + l]);
                    int base = off + l * B + i;
                    y0 = DoubleVector.fromArray(D, x, base).fma(w, y0);
                    y1 = DoubleVector.fromArray(D, x, base + lanes).fma(w, y1);
                    y2 = DoubleVector.fromArray(D, x, base + 2 * lanes).fma(w, y2);
                    y3 = DoubleVector.fromArray(D, x, base + 3 * lanes).fma(w, y3);
                }
                m0 = y0.fma(y0, m0);
                m1 = y1.fma(y1, m1);
                m2 = y2.fma(y2, m2);
                m3 = y3.fma(y3, m3);
            }
            m0.intoArray(out, i);
            m1.intoArray(out, i + lanes);
            m2.intoArray(out, i + 2 * lanes);
            m3.intoArray(out, i + 3 * lanes);
        }
        return i;
    }

    /**
     * s[a·d + b] += Σ_{i<count} w[a·B + i]·v[b·B + i] for b ≤ a (b = a only when diagonalOnly).
     */
    static void scatter(double[] s, double[] v, double[] w, int d, int count, boolean diagonalOnly) {
        final int B = MixtureData.BLOCK;
        int lanes = D.length();
        int full = count - count % lanes;
        for (int a = 0; a < d; a++) {
            int wa = a * B;
            int b = diagonalOnly ? a : 0;
            for (; b + 3 <= a; b += 4) {
                int b0 = b * B;
                DoubleVector s0 = DoubleVector.zero(D);
                DoubleVector s1 = s0;
                DoubleVector s2 = s0;
                DoubleVector s3 = s0;
                for (int i = 0; i < full; i += lanes) {
                    DoubleVector wv = DoubleVector.fromArray(D, w, wa + i);
                    s0 = wv.fma(DoubleVector.fromArray(D, v, b0 + i), s0);
                    s1 = wv.fma(DoubleVector.fromArray(D, v, b0 + B + i), s1);
                    s2 = wv.fma(DoubleVector.fromArray(D, v, b0 + 2 * B + i), s2);
                    s3 = wv.fma(DoubleVector.fromArray(D, v, b0 + 3 * B + i), s3);
                }
                double t0 = sum(s0);
                double t1 = sum(s1);
                double t2 = sum(s2);
                double t3 = sum(s3);
                for (int i = full; i < count; i++) {
                    double wi = w[wa + i];
                    t0 += wi * v[b0 + i];
                    t1 += wi * v[b0 + B + i];
                    t2 += wi * v[b0 + 2 * B + i];
                    t3 += wi * v[b0 + 3 * B + i];
                }
                s[a * d + b] += t0;
                s[a * d + b + 1] += t1;
                s[a * d + b + 2] += t2;
                s[a * d + b + 3] += t3;
            }
            for (; b <= a; b++) {
                s[a * d + b] += dot(w, wa, v, b * B, count);
            }
        }
    }

    /**
     * The lanes of v added from lane 0 up. Not {@code reduceLanes(ADD)}: its order is unspecified
     * and differs between the interpreter and compiled code, so a task run on a worker thread
     * whose copy is not yet compiled would change the last bits with the thread count.
     */
    private static double sum(DoubleVector v) {
        double t = v.lane(0);
        for (int i = 1; i < v.length(); i++) {
            t += v.lane(i);
        }
        return t;
    }

    /** Σ_{i<count} p[po + i]·q[qo + i]. */
    static double dot(double[] p, int po, double[] q, int qo, int count) {
        int lanes = D.length();
        int full = count - count % lanes;
        DoubleVector acc = DoubleVector.zero(D);
        for (int i = 0; i < full; i += lanes) {
            acc = DoubleVector.fromArray(D, p, po + i).fma(DoubleVector.fromArray(D, q, qo + i), acc);
        }
        double t = sum(acc);
        for (int i = full; i < count; i++) {
            t += p[po + i] * q[qo + i];
        }
        return t;
    }
}
