package org.elbo4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.tensor.Decompositions;
import org.elbo4j.tensor.LinAlg;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The tape's linear algebra of parameter-dependent matrices: the Cholesky factor (of a symmetric
 * M Mᵀ + I and of a non-symmetric matrix, whose symmetric part it factors), the triangular solve
 * in its four forms (lower/upper triangle, transposed or not) with several right-hand columns,
 * and the diagonal, all batched. As in {@link TapeOpsTest}: each value against the float32
 * {@code tensor.Decompositions} operation on the same inputs (2e−6 relative), the gradient against
 * central differences (1e−7 relative to the max-norm) and the Hessian-vector products (the
 * second-order rules) against central differences of the exact gradient (1e−6).
 */
class TapeLinearAlgebraTest {

    /** 3 I for each of two 3 × 3 matrices. */
    private static final double[] THREE_I = {3, 0, 0, 0, 3, 0, 0, 0, 3, 3, 0, 0, 0, 3, 0, 0, 0, 3};

    @Test
    void choleskyOfASymmetricPositiveDefiniteMatrix() {
        double[] eye = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        TapeOpsTest.check("cholesky(M Mᵀ + I)", new int[][] {{2, 3, 3}},
                v -> Ops.cholesky(Ops.matmul(v[0], v[0], false, true).add(Tape.constant(eye, 3, 3))),
                t -> Decompositions.cholesky(LinAlg.matmul(t[0], t[0], false, true).add(Tensor.of(eye, 3, 3))));
    }

    @Test
    void choleskyOfANonSymmetricMatrixFactorsItsSymmetricPart() {
        // A = X/2 + 3 I: diagonally dominant, not symmetric; both paths factor (A + Aᵀ)/2
        TapeOpsTest.check("cholesky(A)", new int[][] {{2, 3, 3}},
                v -> Ops.cholesky(v[0].mul(0.5).add(Tape.constant(THREE_I, 2, 3, 3))),
                t -> Decompositions.cholesky(t[0].mul(0.5).add(Tensor.of(THREE_I, 2, 3, 3))));
    }

    @Test
    void aMatrixThatIsNotPositiveDefiniteGivesANanFactor() {
        Var l = Ops.cholesky(Tape.create().leaf(new double[] {1, 2, 2, 1, 4, 0, 0, 9}, 2, 2, 2));
        for (int i = 0; i < 4; i++) {
            assertTrue(Double.isNaN(l.value()[i]), "entry " + i + " of the indefinite matrix");
        }
        assertEquals(2, l.value()[4]);
        assertEquals(3, l.value()[7]);
        assertThrows(IllegalArgumentException.class, () -> Ops.cholesky(Tape.constant(new double[6], 2, 3)));
    }

    @Test
    void triangularSolveInItsFourForms() {
        for (boolean lower : new boolean[] {true, false}) {
            for (boolean transpose : new boolean[] {false, true}) {
                TapeOpsTest.check("solveTriangular lower=" + lower + " transpose=" + transpose,
                        new int[][] {{2, 3, 3}, {2, 3, 2}},
                        v -> Ops.solveTriangular(v[0].add(Tape.constant(THREE_I, 2, 3, 3)), v[1], lower, transpose),
                        t -> Decompositions.solveTriangular(t[0].add(Tensor.of(THREE_I, 2, 3, 3)), t[1], lower,
                                transpose));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Ops.solveTriangular(Tape.constant(new double[9], 3, 3),
                Tape.constant(new double[4], 2, 2), true, false));
    }

    @Test
    void diagonal() {
        TapeOpsTest.check("diagonal", new int[][] {{2, 3, 3}}, v -> Ops.diagonal(v[0]),
                t -> Decompositions.diagonal(t[0]));
    }
}
