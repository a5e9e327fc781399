package org.elbo4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The library example of README.md, kept compiling and checked against a hand-derived gradient. */
class ReadmeExampleTest {

    @Test
    void readmeExampleRunsAndItsGradientIsRight() {
        Rng rng = Rng.of(42);
        Tensor w = Tensor.randn(rng, 3, 2).requiresGrad(true);
        Tensor x = Tensor.randn(rng, 5, 3);
        Tensor loss = x.matmul(w).tanh().square().mean();
        loss.backward();
        assertNotNull(w.grad());
        assertArrayEquals(new int[] {3, 2}, w.grad().shape());

        // d/dw mean(tanh(xw)^2) = x^T [2 tanh(xw) (1 - tanh^2(xw))] / 10, in double
        double[] xv = x.toDoubleArray();
        double[] wv = w.toDoubleArray();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double g = 0;
                for (int r = 0; r < 5; r++) {
                    double a = 0;
                    for (int k = 0; k < 3; k++) {
                        a += xv[r * 3 + k] * wv[k * 2 + j];
                    }
                    double t = Math.tanh(a);
                    g += xv[r * 3 + i] * 2 * t * (1 - t * t) / 10.0;
                }
                assertEquals(g, w.grad().get(i, j), 1e-5);
            }
        }

        try (var scope = GradMode.noGrad()) {
            Tensor lse = x.matmul(w).logSumExp(1, false);
            assertArrayEquals(new int[] {5}, lse.shape());
            assertFalse(lse.requiresGrad());
        }
    }
}
