package org.elbo4j.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.elbo4j.tensor.kernel.Parallel;
import org.junit.jupiter.api.Test;

/**
 * The sample covariance: equal to the textbook two-pass sum to 1e-13 relative, symmetric, the same
 * from double rows and from a float array of the same values, bit-identical with 1 and 2 threads,
 * the row blocks cover every row once, and bad input is rejected.
 */
class CovarianceTest {

    static double[][] points(long seed, int n, int d) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            double shared = rng.nextGaussian();
            for (int j = 0; j < d; j++) {
                // float-representable values, so that the float path sees the same numbers
                row[j] = (float) (100 + (j + 1) * shared + rng.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void matchesTheTextbookSum() {
        for (int d : new int[] {1, 3, 17, 200}) {
            double[][] x = points(d, 300, d);
            Covariance c = Covariance.of(x);
            double[] mean = new double[d];
            for (double[] row : x) {
                for (int j = 0; j < d; j++) {
                    mean[j] += row[j] / x.length;
                }
            }
            double[][] s = c.matrix();
            for (int i = 0; i < d; i++) {
                assertEquals(mean[i], c.mean()[i], 1e-12 * Math.abs(mean[i]));
                for (int j = 0; j < d; j++) {
                    double expected = 0;
                    for (double[] row : x) {
                        expected += (row[i] - mean[i]) * (row[j] - mean[j]);
                    }
                    expected /= x.length;
                    double scale = Math.sqrt(s[i][i] * s[j][j]);
                    assertEquals(expected, s[i][j], 1e-12 * scale, d + ": " + i + "," + j);
                    assertEquals(s[i][j], s[j][i]);
                }
            }
            assertEquals(300, c.count());
            assertEquals(d, c.dimension());
        }
    }

    @Test
    void floatAndDoubleInputAgree() {
        int n = 50;
        int d = 7;
        double[][] x = points(4, n, d);
        float[] flat = new float[n * d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                flat[r * d + j] = (float) x[r][j];
            }
        }
        Covariance a = Covariance.of(x);
        Covariance b = Covariance.of(flat, n, d);
        assertArrayEquals(a.mean(), b.mean());
        for (int i = 0; i < d; i++) {
            assertArrayEquals(a.matrix()[i], b.matrix()[i]);
        }
    }

    @Test
    void threadCountDoesNotChangeABit() {
        double[][] x = points(9, 400, 300);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            double[][] one = Covariance.of(x).matrix();
            Parallel.setThreads(2);
            double[][] two = Covariance.of(x).matrix();
            for (int i = 0; i < one.length; i++) {
                assertArrayEquals(one[i], two[i], "row " + i);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void blocksCoverEveryRowOnce() {
        for (int d : new int[] {1, 2, 10, 181, 182, 784, 3000}) {
            int[] b = Covariance.blocks(d);
            assertEquals(0, b[0]);
            assertEquals(d, b[b.length - 1]);
            for (int t = 1; t < b.length; t++) {
                assertTrue(b[t] >= b[t - 1], "monotone at " + t + " for d = " + d);
            }
            if (d == 784) {
                assertTrue(b.length - 1 >= 8, "a 784×784 covariance is cut into several tasks: " + (b.length - 1));
            }
        }
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Covariance.of(new double[0][]));
        assertThrows(IllegalArgumentException.class, () -> Covariance.of(new double[][] {{1, 2}, {3}}));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Covariance.of(new double[][] {{1, 2}, {3, Double.NaN}}));
        assertTrue(nan.getMessage().contains("point 1 coordinate 1"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Covariance.of(new float[5], 2, 3));
    }
}
