package org.elbo4j.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The triangular solve kernel, for lower and upper T, with and without transposition: op(T) X
 * reproduces the right-hand side B to 1e-12 relative, the other triangle of T is never read, a
 * block solves as its columns do (bit for bit), and offsets are honoured.
 */
class TriangularSolveTest {

    /** A triangular matrix with a diagonal in [1, 2] and the other triangle filled with NaN. */
    private static double[] triangular(long seed, int n, boolean lower) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] t = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean inside = lower ? j < i : j > i;
                t[i * n + j] = i == j ? rng.nextDouble(1, 2) : inside ? rng.nextDouble(-1, 1) : Double.NaN;
            }
        }
        return t;
    }

    private static double entry(double[] t, int n, int i, int j, boolean lower, boolean transpose) {
        int r = transpose ? j : i;
        int c = transpose ? i : j;
        boolean inside = lower ? c <= r : c >= r;
        return inside ? t[r * n + c] : 0.0;
    }

    @Test
    void solvesAllFourForms() {
        int n = 7;
        int k = 3;
        for (boolean lower : new boolean[] {true, false}) {
            for (boolean transpose : new boolean[] {false, true}) {
                double[] t = triangular(n + (lower ? 1 : 2) + (transpose ? 10 : 0), n, lower);
                SplittableRandom rng = new SplittableRandom(5);
                double[] b = new double[n * k];
                for (int i = 0; i < b.length; i++) {
                    b[i] = rng.nextDouble(-3, 3);
                }
                double[] x = b.clone();
                TriangularSolve.solve(t, 0, n, x, 0, k, lower, transpose);
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < k; c++) {
                        double s = 0;
                        for (int j = 0; j < n; j++) {
                            s += entry(t, n, i, j, lower, transpose) * x[j * k + c];
                        }
                        assertEquals(b[i * k + c], s, 1e-12 * (1 + Math.abs(b[i * k + c])),
                                "lower=" + lower + " transpose=" + transpose + " at " + i + "," + c);
                    }
                }
            }
        }
    }

    @Test
    void aBlockSolvesAsItsColumnsDo() {
        int n = 6;
        int k = 4;
        double[] t = triangular(3, n, true);
        double[] block = new double[n * k];
        SplittableRandom rng = new SplittableRandom(8);
        for (int i = 0; i < block.length; i++) {
            block[i] = rng.nextDouble(-1, 1);
        }
        double[] solved = block.clone();
        TriangularSolve.solve(t, 0, n, solved, 0, k, true, true);
        for (int c = 0; c < k; c++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = block[i * k + c];
            }
            TriangularSolve.solve(t, 0, n, column, 0, 1, true, true);
            for (int i = 0; i < n; i++) {
                assertEquals(column[i], solved[i * k + c], 0.0);
            }
        }
    }

    @Test
    void offsetsAreHonoured() {
        int n = 4;
        double[] t = triangular(4, n, false);
        double[] b = {1, -2, 0.5, 3};
        double[] x = b.clone();
        TriangularSolve.solve(t, 0, n, x, 0, 1, false, false);
        double[] tPadded = new double[5 + n * n];
        System.arraycopy(t, 0, tPadded, 5, n * n);
        double[] xPadded = new double[2 + n];
        System.arraycopy(b, 0, xPadded, 2, n);
        TriangularSolve.solve(tPadded, 5, n, xPadded, 2, 1, false, false);
        for (int i = 0; i < n; i++) {
            assertEquals(x[i], xPadded[2 + i], 0.0);
        }
        assertEquals(0.0, xPadded[0]);
        assertEquals(0.0, xPadded[1]);
    }
}
