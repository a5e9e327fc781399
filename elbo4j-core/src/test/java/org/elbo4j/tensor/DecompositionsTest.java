package org.elbo4j.tensor;

import static org.elbo4j.tensor.GradientCheck.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * Cholesky, triangular solves and the diagonal: forward values against products computed in
 * double, and every gradient against central differences ({@link GradientCheck}).
 */
class DecompositionsTest {

    /** A batch of well-conditioned SPD matrices M Mᵀ + n·I. */
    private static Tensor spd(long seed, int batch, int n) {
        double[] out = new double[batch * n * n];
        float[] m = Tensor.randn(Rng.of(seed), batch, n, n).data();
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = i == j ? n : 0;
                    for (int k = 0; k < n; k++) {
                        s += (double) m[b * n * n + i * n + k] * m[b * n * n + j * n + k];
                    }
                    out[b * n * n + i * n + j] = s;
                }
            }
        }
        return Tensor.of(out, batch, n, n);
    }

    /** A lower-triangular matrix with a diagonal in [1, 2] (so solves are well conditioned). */
    private static Tensor lowerTriangular(long seed, int batch, int n, boolean lower) {
        float[] r = Tensor.randn(Rng.of(seed), batch, n, n).data();
        float[] out = new float[r.length];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    int k = b * n * n + i * n + j;
                    boolean keep = lower ? j < i : j > i;
                    out[k] = i == j ? 1.0f + Math.abs(r[k]) % 1.0f : keep ? 0.5f * r[k] : 0f;
                }
            }
        }
        return Tensor.of(out, batch, n, n);
    }

    private static void assertAllClose(Tensor expected, Tensor actual, double tol) {
        assertArrayEquals(expected.shape(), actual.shape());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.data()[i], actual.data()[i], tol * (1 + Math.abs(expected.data()[i])), "element " + i);
        }
    }

    @Test
    void choleskyReconstructsTheMatrixAndIsLowerTriangular() {
        Tensor a = spd(1, 3, 4);
        Tensor l = Decompositions.cholesky(a);
        assertAllClose(a, LinAlg.matmul(l, l, false, true), 1e-5);
        for (int b = 0; b < 3; b++) {
            for (int i = 0; i < 4; i++) {
                assertTrue(l.get(b, i, i) > 0);
                for (int j = i + 1; j < 4; j++) {
                    assertEquals(0.0, l.get(b, i, j));
                }
            }
        }
    }

    @Test
    void choleskyOfAKnownMatrix() {
        Tensor a = Tensor.matrix(new double[][] {{4, 2}, {2, 5}});
        assertAllClose(Tensor.matrix(new double[][] {{2, 0}, {1, 2}}), Decompositions.cholesky(a), 1e-7);
    }

    @Test
    void choleskyGradient() {
        check("cholesky", in -> Decompositions.cholesky(in[0]), spd(2, 2, 4));
    }

    @Test
    void choleskyGradientThroughLogDeterminant() {
        // d/dA log det A = A⁻¹ for symmetric A; log det = 2 Σ log Lᵢᵢ.
        check("logdet", in -> Decompositions.diagonal(Decompositions.cholesky(in[0])).log().sum().mul(2.0),
                spd(3, 1, 3));
    }

    @Test
    void choleskyRejectsMatricesThatAreNotPositiveDefinite() {
        Tensor a = Tensor.matrix(new double[][] {{1, 2}, {2, 1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Decompositions.cholesky(a));
        assertEquals("cholesky: matrix of shape [2, 2] is not positive definite (pivot 1 is -3.0)", e.getMessage());
        Tensor nan = Tensor.matrix(new double[][] {{Double.NaN, 0}, {0, 1}});
        assertThrows(IllegalArgumentException.class, () -> Decompositions.cholesky(nan));
    }

    @Test
    void choleskyRejectsNonSquareInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Decompositions.cholesky(Tensor.zeros(2, 3)));
        assertEquals("cholesky: expected square matrices [..., n, n], got shape [2, 3]", e.getMessage());
    }

    @Test
    void solveTriangularSolvesAllFourForms() {
        for (boolean lower : new boolean[] {true, false}) {
            for (boolean transpose : new boolean[] {false, true}) {
                Tensor l = lowerTriangular(4, 2, 4, lower);
                Tensor b = Tensor.randn(Rng.of(5), 2, 4, 3);
                Tensor x = Decompositions.solveTriangular(l, b, lower, transpose);
                assertAllClose(b, LinAlg.matmul(l, x, transpose, false), 1e-5);
            }
        }
    }

    @Test
    void solveTriangularGradientInBothArguments() {
        for (boolean lower : new boolean[] {true, false}) {
            for (boolean transpose : new boolean[] {false, true}) {
                check("solveTriangular lower=" + lower + " transpose=" + transpose,
                        in -> Decompositions.solveTriangular(in[0], in[1], lower, transpose),
                        lowerTriangular(6, 2, 3, lower), Tensor.randn(Rng.of(7), 2, 3, 2));
            }
        }
    }

    @Test
    void solveTriangularBroadcastsOneMatrixOverABatch() {
        Tensor l = lowerTriangular(8, 1, 3, true).reshape(3, 3);
        Tensor b = Tensor.randn(Rng.of(9), 4, 3, 2);
        Tensor x = Decompositions.solveTriangular(l, b, true, false);
        assertArrayEquals(new int[] {4, 3, 2}, x.shape());
        assertAllClose(b, LinAlg.matmul(l, x), 1e-5);
        check("solveTriangular broadcast", in -> Decompositions.solveTriangular(in[0], in[1], true, false),
                lowerTriangular(8, 1, 3, true).reshape(3, 3), Tensor.randn(Rng.of(9), 4, 3, 2));
    }

    @Test
    void solveTriangularIgnoresTheOtherTriangle() {
        Tensor l = lowerTriangular(10, 1, 3, true);
        Tensor strictlyUpper = Tensor.of(new double[] {0, 5, -7, 0, 0, 3, 0, 0, 0}, 1, 3, 3);
        Tensor full = l.add(strictlyUpper);
        Tensor b = Tensor.randn(Rng.of(12), 1, 3, 1);
        assertAllClose(Decompositions.solveTriangular(l, b, true, false),
                Decompositions.solveTriangular(full, b, true, false), 1e-6);
    }

    @Test
    void solveTriangularRejectsMismatchedShapesAndSingularMatrices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Decompositions.solveTriangular(Tensor.ones(3, 3), Tensor.ones(2, 1), true, false));
        assertEquals("solveTriangular: right-hand side of shape [2, 1] does not match matrix of shape [3, 3]",
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Decompositions.solveTriangular(Tensor.zeros(2, 2), Tensor.ones(2, 1), true, false));
    }

    @Test
    void diagonalAndItsGradient() {
        Tensor x = Tensor.arange(18).reshape(2, 3, 3);
        assertArrayEquals(new float[] {0, 4, 8, 9, 13, 17}, Decompositions.diagonal(x).data());
        check("diagonal", in -> Decompositions.diagonal(in[0]), Tensor.randn(Rng.of(13), 2, 3, 3));
    }
}
