package org.elbo4j.tensor;

import static org.elbo4j.tensor.GradientCheck.check;
import static org.elbo4j.tensor.GradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * Finite-difference gradient checks of {@link LinAlg#matmul}: 2-d with all four transpose
 * combinations (each operand stored in the layout its flag implies), batched 3-d, and batched
 * with a 2-d operand reused for every batch entry on either side.
 */
class LinAlgGradientTest {

    private static final int M = 3;
    private static final int K = 4;
    private static final int N = 5;

    @Test
    void plain2d() {
        check("matmul", in -> LinAlg.matmul(in[0], in[1]), uniform(301, -1, 1, M, K), uniform(302, -1, 1, K, N));
    }

    @Test
    void transposedA() {
        check("matmul(aᵀ, b)", in -> LinAlg.matmul(in[0], in[1], true, false),
                uniform(303, -1, 1, K, M), uniform(304, -1, 1, K, N));
    }

    @Test
    void transposedB() {
        check("matmul(a, bᵀ)", in -> LinAlg.matmul(in[0], in[1], false, true),
                uniform(305, -1, 1, M, K), uniform(306, -1, 1, N, K));
    }

    @Test
    void bothTransposed() {
        check("matmul(aᵀ, bᵀ)", in -> LinAlg.matmul(in[0], in[1], true, true),
                uniform(307, -1, 1, K, M), uniform(308, -1, 1, N, K));
    }

    @Test
    void transposeFlagsMatchExplicitTranspose() {
        Tensor a = uniform(309, -1, 1, K, M);
        Tensor b = uniform(310, -1, 1, N, K);
        Tensor flagged = LinAlg.matmul(a, b, true, true);
        Tensor explicit = LinAlg.matmul(a.transpose(0, 1), b.transpose(0, 1));
        assertArrayEquals(explicit.shape(), flagged.shape());
        assertArrayEquals(explicit.data(), flagged.data(), 1e-6f);
    }

    @Test
    void batched3d() {
        check("matmul [2,3,4]·[2,4,5]", in -> LinAlg.matmul(in[0], in[1]),
                uniform(311, -1, 1, 2, M, K), uniform(312, -1, 1, 2, K, N));
    }

    @Test
    void batched3dTransposed() {
        check("matmul [2,4,3]ᵀ·[2,5,4]ᵀ", in -> LinAlg.matmul(in[0], in[1], true, true),
                uniform(313, -1, 1, 2, K, M), uniform(314, -1, 1, 2, N, K));
    }

    @Test
    void batchedWithSharedRightOperand() {
        check("matmul [2,3,4]·[4,5]", in -> LinAlg.matmul(in[0], in[1]),
                uniform(315, -1, 1, 2, M, K), uniform(316, -1, 1, K, N));
    }

    @Test
    void batchedWithSharedLeftOperand() {
        check("matmul [3,4]·[2,4,5]", in -> LinAlg.matmul(in[0], in[1]),
                uniform(317, -1, 1, M, K), uniform(318, -1, 1, 2, K, N));
    }

    @Test
    void batchedWithSharedTransposedOperands() {
        check("matmul [2,3,4]·[5,4]ᵀ", in -> LinAlg.matmul(in[0], in[1], false, true),
                uniform(319, -1, 1, 2, M, K), uniform(320, -1, 1, N, K));
        check("matmul [4,3]ᵀ·[2,4,5]", in -> LinAlg.matmul(in[0], in[1], true, false),
                uniform(321, -1, 1, K, M), uniform(322, -1, 1, 2, K, N));
    }

    @Test
    void sameTensorOnBothSides() {
        check("x·xᵀ", in -> LinAlg.matmul(in[0], in[0], false, true), uniform(323, -1, 1, M, K));
    }
}
