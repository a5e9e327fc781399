package org.elbo4j.bayes.models;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.elbo4j.tensor.kernel.VectorWidth;

/**
 * The Vector API path of {@link PredictorKernel#predict}: tiles of 4 points × 3 vectors of rows
 * (12 accumulators in registers over the whole column loop; per column j, 3 vector loads of x,
 * 4 broadcasts, 12 fused multiply-adds). Lanes run over the row and each
 * output is the chain fma(a_{4j+p}, x_nj, ·) in order of j, as in the scalar path: the same bits
 * at every width. Rows past the last whole tile are left to the caller's scalar path (the
 * blocks of 96 and 120 rows are whole tiles at every width; one kernel method compiles sooner in
 * a cold JVM than two). Loaded only
 * when {@link org.elbo4j.tensor.kernel.Simd#enabled()}.
 */
final class VectorPredictor {

    private static final VectorSpecies<Double> S = VectorWidth.bits() == DoubleVector.SPECIES_PREFERRED.vectorBitSize()
            ? DoubleVector.SPECIES_PREFERRED
            : VectorSpecies.of(double.class, VectorShape.forBitSize(Math.max(128, VectorWidth.bits())));

    private VectorPredictor() {
    }

    /** Fills the first (len rounded down to whole tiles of 3 vectors) rows; returns how many. */
    static int predict(double[] a, double[] c, double[] x, int ld, int features, int j0, int len, double[][] out,
            int o) {
        int lanes = S.length();
        int i = 0;
        for (; i + 3 * lanes <= len; i += 3 * lanes) {
            tile3(a, c, x, ld, features, j0, i, out, o + i);
        }
        return i;
    }

    private static void tile3(double[] a, double[] c, double[] x, int ld, int features, int j0, int n,
            double[][] out, int o) {
        int lanes = S.length();
        DoubleVector c00 = DoubleVector.broadcast(S, c[0]);
        DoubleVector c01 = c00;
        DoubleVector c02 = c00;
        DoubleVector c10 = DoubleVector.broadcast(S, c[1]);
        DoubleVector c11 = c10;
        DoubleVector c12 = c10;
        DoubleVector c20 = DoubleVector.broadcast(S, c[2]);
        DoubleVector c21 = c20;
        DoubleVector c22 = c20;
        DoubleVector c30 = DoubleVector.broadcast(S, c[3]);
        DoubleVector c31 = c30;
        DoubleVector c32 = c30;
        for (int j = j0, xo = j0 * ld + n; j < features; j++, xo += ld) {
            DoubleVector x0 = DoubleVector.fromArray(S, x, xo);
            DoubleVector x1 = DoubleVector.fromArray(S, x, xo + lanes);
            DoubleVector x2 = DoubleVector.fromArray(S, x, xo + 2 * lanes);
            DoubleVector w = DoubleVector.broadcast(S, a[4 * j]);
            c00 = w.fma(x0, c00);
            c01 = w.fma(x1, c01);
            c02 = w.fma(x2, c02);
            w = DoubleVector.broadcast(S, a[4 * j + 1]);
            c10 = w.fma(x0, c10);
            c11 = w.fma(x1, c11);
            c12 = w.fma(x2, c12);
            w = DoubleVector.broadcast(S, a[4 * j + 2]);
            c20 = w.fma(x0, c20);
            c21 = w.fma(x1, c21);
            c22 = w.fma(x2, c22);
            w = DoubleVector.broadcast(S, a[4 * j + 3]);
            c30 = w.fma(x0, c30);
            c31 = w.fma(x1, c31);
            c32 = w.fma(x2, c32);
        }
        c00.intoArray(out[0], o);
        c01.intoArray(out[0], o + lanes);
        c02.intoArray(out[0], o + 2 * lanes);
        c10.intoArray(out[1], o);
        c11.intoArray(out[1], o + lanes);
        c12.intoArray(out[1], o + 2 * lanes);
        c20.intoArray(out[2], o);
        c21.intoArray(out[2], o + lanes);
        c22.intoArray(out[2], o + 2 * lanes);
        c30.intoArray(out[3], o);
        c31.intoArray(out[3], o + lanes);
        c32.intoArray(out[3], o + 2 * lanes);
    }
}
