package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.random.Rng;
import org.elbo4j.tensor.kernel.Parallel;
import org.junit.jupiter.api.Test;

/**
 * A matrix product big enough to be split into parallel tasks gives bit-identical values and
 * gradients with 1 and 2 threads (the split depends on the problem size only), and is correct:
 * sampled entries agree with a double-precision dot product within the rounding bound of any
 * float32 summation order, {@code |error| ≤ k·u·Σ|a_ip·b_pj|} with {@code u = 2⁻²⁴}.
 */
class MatmulDeterminismTest {

    private static final int M = 300;
    private static final int K = 500;
    private static final int N = 200;

    /** Values and gradients of {@code Σ w ⊙ (a·b)} with {@code threads} threads. */
    private static float[][] productAndGradients(int threads, Tensor a, Tensor b, Tensor w) {
        int previous = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            a.zeroGrad();
            b.zeroGrad();
            Tensor c = LinAlg.matmul(a, b);
            Arith.mul(c, w).sum().backward();
            return new float[][] {c.data().clone(), a.grad().data().clone(), b.grad().data().clone()};
        } finally {
            Parallel.setThreads(previous);
        }
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalBits() {
        Rng rng = Rng.of(77);
        Tensor a = Tensor.randn(rng.child(0), M, K).requiresGrad(true);
        Tensor b = Tensor.randn(rng.child(1), K, N).requiresGrad(true);
        Tensor w = Tensor.randn(rng.child(2), M, N);
        int before = Parallel.threads();
        float[][] one = productAndGradients(1, a, b, w);
        float[][] two = productAndGradients(2, a, b, w);
        assertEquals(before, Parallel.threads(), "thread count restored");
        assertArrayEquals(one[0], two[0], "a·b");
        assertArrayEquals(one[1], two[1], "d/da");
        assertArrayEquals(one[2], two[2], "d/db");

        float[] av = a.data();
        float[] bv = b.data();
        for (int s = 0; s < 64; s++) {
            int i = rng.nextInt(M);
            int j = rng.nextInt(N);
            double exact = 0;
            double magnitude = 0;
            for (int p = 0; p < K; p++) {
                double term = (double) av[i * K + p] * bv[p * N + j];
                exact += term;
                magnitude += Math.abs(term);
            }
            double bound = (K + 1) * 0x1p-24 * magnitude;
            assertEquals(exact, one[0][i * N + j], bound, "entry (" + i + ", " + j + ")");
        }
    }
}
