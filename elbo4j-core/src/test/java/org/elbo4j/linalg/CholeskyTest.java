package org.elbo4j.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Cholesky kernel: L Lᵀ reproduces A (relative error below 1e-13 for well-conditioned
 * matrices of size up to 12), L is lower triangular with a positive diagonal, offsets and the
 * in-place form give the same numbers, the upper triangle is left alone, and a matrix that is
 * not positive definite is rejected at the right pivot with its value.
 */
class CholeskyTest {

    /** M Mᵀ + n·I, row-major, with M standard normal. */
    static double[] spd(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] m = new double[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = rng.nextDouble(-2, 2);
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? n : 0;
                for (int k = 0; k < n; k++) {
                    s += m[i * n + k] * m[j * n + k];
                }
                a[i * n + j] = s;
            }
        }
        return a;
    }

    @Test
    void factorReproducesTheMatrix() {
        for (int n = 1; n <= 12; n++) {
            double[] a = spd(n, n);
            double[] l = new double[n * n];
            assertEquals(-1, Cholesky.factor(a, 0, l, 0, n, 0.0));
            for (int i = 0; i < n; i++) {
                assertEquals(true, l[i * n + i] > 0, "positive diagonal");
                for (int j = 0; j < n; j++) {
                    if (j > i) {
                        assertEquals(0.0, l[i * n + j], "upper triangle untouched");
                    }
                    double s = 0;
                    for (int k = 0; k < n; k++) {
                        s += l[i * n + k] * l[j * n + k];
                    }
                    assertEquals(a[i * n + j], s, 1e-13 * Math.abs(a[i * n + i] + a[j * n + j]), n + ": " + i + "," + j);
                }
            }
        }
    }

    @Test
    void knownFactor() {
        // [[4, 2], [2, 5]] = [[2, 0], [1, 2]] [[2, 1], [0, 2]].
        double[] l = new double[4];
        assertEquals(-1, Cholesky.factor(new double[] {4, 2, 2, 5}, 0, l, 0, 2, 0.0));
        assertEquals(2.0, l[0]);
        assertEquals(1.0, l[2]);
        assertEquals(2.0, l[3]);
    }

    @Test
    void onlyTheLowerTriangleIsRead() {
        double[] a = spd(3, 4);
        double[] scrambled = a.clone();
        for (int i = 0; i < 4; i++) {
            for (int j = i + 1; j < 4; j++) {
                scrambled[i * 4 + j] = Double.NaN;
            }
        }
        double[] l1 = new double[16];
        double[] l2 = new double[16];
        Cholesky.factor(a, 0, l1, 0, 4, 0.0);
        assertEquals(-1, Cholesky.factor(scrambled, 0, l2, 0, 4, 0.0));
        assertEquals(java.util.Arrays.toString(l1), java.util.Arrays.toString(l2));
    }

    @Test
    void offsetsAndInPlaceGiveTheSameNumbers() {
        int n = 5;
        double[] a = spd(9, n);
        double[] l = new double[n * n];
        Cholesky.factor(a, 0, l, 0, n, 0.0);
        double[] padded = new double[3 + n * n];
        System.arraycopy(a, 0, padded, 3, n * n);
        double[] out = new double[7 + n * n];
        assertEquals(-1, Cholesky.factor(padded, 3, out, 7, n, 0.0));
        double[] inPlace = a.clone();
        assertEquals(-1, Cholesky.factor(inPlace, 0, inPlace, 0, n, 0.0));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                assertEquals(l[i * n + j], out[7 + i * n + j], 0.0);
                assertEquals(l[i * n + j], inPlace[i * n + j], 0.0);
            }
        }
    }

    @Test
    void notPositiveDefiniteReportsThePivot() {
        // [[1, 2], [2, 1]]: pivot 1 is 1 − 4 = −3.
        double[] l = new double[4];
        assertEquals(1, Cholesky.factor(new double[] {1, 2, 2, 1}, 0, l, 0, 2, 0.0));
        assertEquals(-3.0, l[3]);
        assertEquals(0, Cholesky.factor(new double[] {0}, 0, new double[1], 0, 1, 0.0));
        double[] nan = new double[1];
        assertEquals(0, Cholesky.factor(new double[] {Double.NaN}, 0, nan, 0, 1, 0.0));
        assertEquals(0, Cholesky.factor(new double[] {Double.POSITIVE_INFINITY}, 0, new double[1], 0, 1, 0.0));
    }

    @Test
    void relativeFloorRejectsMatricesSingularToRounding() {
        // Rank one: [[1, 1], [1, 1 + 1e-14]] has pivot 1e-14 ≈ 1e-14 · A_11.
        double[] a = {1, 1, 1, 1 + 1e-14};
        assertEquals(-1, Cholesky.factor(a, 0, new double[4], 0, 2, 0.0));
        assertEquals(1, Cholesky.factor(a, 0, new double[4], 0, 2, 1e-12));
        assertEquals(-1, Cholesky.factor(new double[] {1, 1, 1, 2}, 0, new double[4], 0, 2, 1e-12));
    }
}
