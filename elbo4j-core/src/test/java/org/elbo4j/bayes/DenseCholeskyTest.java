package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * DenseCholesky on the shared kernel: a 3×3 matrix with a known factor (exact arithmetic),
 * solve, inverse and log-determinant against closed forms (1e-14), and both rejections.
 */
class DenseCholeskyTest {

    // A = L Lᵀ with L = [[2, 0, 0], [1, 3, 0], [-1, 2, 1]] (det A = 36).
    private static final double[][] A = {{4, 2, -2}, {2, 10, 5}, {-2, 5, 6}};

    @Test
    void factorSolveInverseAndLogDet() {
        DenseCholesky c = DenseCholesky.of(A);
        double[][] l = c.lower();
        assertEquals(java.util.Arrays.deepToString(new double[][] {{2, 0, 0}, {1, 3, 0}, {-1, 2, 1}}),
                java.util.Arrays.deepToString(l));
        assertEquals(Math.log(36), c.logDet(), 1e-14);
        double[] b = {1, -2, 3};
        double[] x = c.solve(b);
        double[][] inv = c.inverse();
        for (int i = 0; i < 3; i++) {
            double ax = 0;
            for (int j = 0; j < 3; j++) {
                ax += A[i][j] * x[j];
                double identity = 0;
                for (int k = 0; k < 3; k++) {
                    identity += A[i][k] * inv[k][j];
                }
                assertEquals(i == j ? 1.0 : 0.0, identity, 1e-14, "A A⁻¹ at " + i + "," + j);
                assertEquals(inv[i][j], inv[j][i], 0.0, "inverse symmetric");
            }
            assertEquals(b[i], ax, 1e-14, "A x = b at " + i);
        }
        double[] y = c.solveLower(b);
        assertEquals(0.5, y[0], 1e-15);
        assertEquals((-2 - 0.5) / 3, y[1], 1e-15);
        double[] lz = c.multiplyLower(new double[] {1, 1, 1});
        assertEquals(2.0, lz[0]);
        assertEquals(4.0, lz[1]);
        assertEquals(2.0, lz[2]);
    }

    @Test
    void rejectsNonSquareAndIndefiniteMatrices() {
        assertEquals("DenseCholesky: matrix must be square, row 1 has 1 entries, expected 2",
                assertThrows(IllegalArgumentException.class,
                        () -> DenseCholesky.of(new double[][] {{1, 0}, {1}})).getMessage());
        assertEquals("DenseCholesky: matrix is not positive definite (pivot 1 is -3.0)",
                assertThrows(IllegalArgumentException.class,
                        () -> DenseCholesky.of(new double[][] {{1, 2}, {2, 1}})).getMessage());
    }
}
