package org.elbo4j.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The symmetric eigen-decomposition: residuals ‖A v − λ v‖ ≤ 1e-10 ‖A‖ for every pair, VᵀV = I to
 * 1e-12, values in descending order, closed-form spectra (2×2, the second-difference matrix,
 * prescribed spectra with repeated eigenvalues), the invariants tr A = Σλ and ‖A‖_F² = Σλ², random
 * matrices of sizes 1 … 40, and a 784×784 sample covariance (the size of Fashion-MNIST images).
 */
class SymmetricEigenTest {

    /** Checks A v_j = λ_j v_j, orthonormality, ordering and the two invariants; returns the decomposition. */
    static SymmetricEigen checked(double[][] a) {
        int d = a.length;
        SymmetricEigen eig = SymmetricEigen.of(a);
        double[] values = eig.values();
        double[][] v = eig.vectors();
        double norm = 0;
        double trace = 0;
        double frobenius = 0;
        for (int i = 0; i < d; i++) {
            trace += a[i][i];
            for (int j = 0; j < d; j++) {
                norm = Math.max(norm, Math.abs(a[i][j]));
                frobenius += a[i][j] * a[i][j];
            }
        }
        double scale = Math.max(norm * d, Double.MIN_NORMAL);
        double sum = 0;
        double sumSquares = 0;
        for (int j = 0; j < d; j++) {
            if (j > 0) {
                assertTrue(values[j] <= values[j - 1], "descending at " + j);
            }
            sum += values[j];
            sumSquares += values[j] * values[j];
            for (int i = 0; i < d; i++) {
                double av = 0;
                for (int k = 0; k < d; k++) {
                    av += a[i][k] * v[k][j];
                }
                assertEquals(values[j] * v[i][j], av, 1e-10 * scale, "A v = λ v, pair " + j + ", row " + i);
            }
            for (int k = 0; k <= j; k++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += v[i][j] * v[i][k];
                }
                assertEquals(j == k ? 1.0 : 0.0, dot, 1e-12 * Math.max(1, Math.sqrt(d)), "VᵀV at " + j + "," + k);
            }
        }
        assertEquals(trace, sum, 1e-12 * scale, "trace");
        assertEquals(frobenius, sumSquares, 1e-12 * scale * scale, "Frobenius norm");
        return eig;
    }

    /** A random orthogonal matrix (Gram–Schmidt, twice, of a uniform matrix). */
    static double[][] orthogonal(long seed, int d) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] q = new double[d][d];
        for (int j = 0; j < d; j++) {
            double[] col = new double[d];
            for (int i = 0; i < d; i++) {
                col[i] = rng.nextDouble(-1, 1);
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < d; i++) {
                        dot += q[i][k] * col[i];
                    }
                    for (int i = 0; i < d; i++) {
                        col[i] -= dot * q[i][k];
                    }
                }
            }
            double n = 0;
            for (double c : col) {
                n += c * c;
            }
            for (int i = 0; i < d; i++) {
                q[i][j] = col[i] / Math.sqrt(n);
            }
        }
        return q;
    }

    /** Q diag(values) Qᵀ. */
    static double[][] withSpectrum(long seed, double... values) {
        int d = values.length;
        double[][] q = orthogonal(seed, d);
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += q[i][k] * values[k] * q[j][k];
                }
                a[i][j] = s;
                a[j][i] = s;
            }
        }
        return a;
    }

    static double[][] randomSymmetric(long seed, int d) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = rng.nextDouble(-1, 1);
                a[j][i] = a[i][j];
            }
        }
        return a;
    }

    @Test
    void twoByTwo() {
        SymmetricEigen eig = checked(new double[][] {{2, 1}, {1, 2}});
        assertEquals(3.0, eig.value(0), 1e-15);
        assertEquals(1.0, eig.value(1), 1e-15);
        double[] v = eig.vector(0);
        assertEquals(Math.sqrt(0.5), Math.abs(v[0]), 1e-15);
        assertEquals(v[0], v[1], 1e-15);
    }

    @Test
    void oneByOneAndDiagonalAndZero() {
        SymmetricEigen one = checked(new double[][] {{-4.5}});
        assertEquals(-4.5, one.value(0));
        assertEquals(1.0, Math.abs(one.vector(0)[0]));
        SymmetricEigen diagonal = checked(new double[][] {{1, 0, 0}, {0, 5, 0}, {0, 0, -2}});
        assertEquals(5.0, diagonal.value(0));
        assertEquals(1.0, diagonal.value(1));
        assertEquals(-2.0, diagonal.value(2));
        SymmetricEigen zero = checked(new double[4][4]);
        for (double value : zero.values()) {
            assertEquals(0.0, value);
        }
    }

    @Test
    void secondDifferenceMatrix() {
        // tridiag(−1, 2, −1) of size n: λ_k = 2 − 2 cos(kπ/(n+1)), k = 1 … n.
        int n = 50;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = 2;
            if (i > 0) {
                a[i][i - 1] = -1;
                a[i - 1][i] = -1;
            }
        }
        double[] values = checked(a).values();
        for (int j = 0; j < n; j++) {
            int k = n - j;
            assertEquals(2 - 2 * Math.cos(k * Math.PI / (n + 1)), values[j], 1e-13, "λ_" + k);
        }
    }

    @Test
    void prescribedSpectraWithRepeatedValues() {
        double[][] spectra = {
            {3, 3, 3, 1, 1, 0},
            {7, 7, 7, 7, 7},
            {1e6, 1, 1, 1e-6, -2, -2, -2},
            {5, 5, 0, 0, 0, 0, 0, 0, 0, 0},
        };
        for (int s = 0; s < spectra.length; s++) {
            double[] expected = spectra[s].clone();
            double[] values = checked(withSpectrum(s + 10, spectra[s])).values();
            java.util.Arrays.sort(expected);
            for (int j = 0; j < expected.length; j++) {
                double want = expected[expected.length - 1 - j];
                assertEquals(want, values[j], 1e-12 * Math.abs(spectra[s][0]) * expected.length, "spectrum " + s);
            }
        }
    }

    @Test
    void randomMatrices() {
        for (int d = 1; d <= 40; d++) {
            checked(randomSymmetric(d, d));
        }
    }

    @Test
    void covarianceOfImageSize() {
        // 784 coordinates, 900 points of rank-30 structure plus noise: a sample covariance the size
        // of Fashion-MNIST's.
        int d = 784;
        int n = 900;
        SplittableRandom rng = new SplittableRandom(7);
        double[][] basis = new double[30][d];
        for (double[] b : basis) {
            for (int i = 0; i < d; i++) {
                b[i] = rng.nextGaussian();
            }
        }
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < 30; k++) {
                double z = rng.nextGaussian() * (30 - k);
                for (int i = 0; i < d; i++) {
                    row[i] += z * basis[k][i];
                }
            }
            for (int i = 0; i < d; i++) {
                row[i] += 0.1 * rng.nextGaussian();
            }
        }
        double[][] c = new double[d][d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                double xi = row[i];
                double[] ci = c[i];
                for (int j = 0; j <= i; j++) {
                    ci[j] += xi * row[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                c[i][j] /= n;
                c[j][i] = c[i][j];
            }
        }
        long start = System.nanoTime();
        SymmetricEigen eig = SymmetricEigen.of(c);
        System.out.printf("SymmetricEigen 784×784: %.3f s%n", (System.nanoTime() - start) * 1e-9);
        double[] values = eig.values();
        assertTrue(values[29] > 100 * values[30], "rank-30 structure visible");
        checked(c);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[0][0]));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}, {3, 1}}));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> SymmetricEigen.of(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}));
        assertTrue(nan.getMessage().contains("finite"), nan.getMessage());
    }
}
