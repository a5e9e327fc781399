package org.elbo4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link MixedAdam}: the path in use (vector when SIMD is on) gives the same bits as the scalar
 * loop, with and without a clamp, at an offset into the moments and with a ragged tail. Run in
 * every surefire execution, so at 512, 256 and 128 bits. Deterministic.
 */
class MixedAdamTest {

    @Test
    void thePathInUseMatchesTheScalarLoopBitForBit() {
        Random r = new Random(5);
        int n = 1000;
        int off = 37;
        for (double clamp : new double[] {Double.POSITIVE_INFINITY, 0.7}) {
            float[] x1 = new float[n];
            float[] g = new float[n];
            double[] m1 = new double[n + off];
            double[] v1 = new double[n + off];
            for (int j = 0; j < n; j++) {
                x1[j] = (float) r.nextGaussian();
                g[j] = (float) (3 * r.nextGaussian());
            }
            for (int i = 0; i < n + off; i++) {
                m1[i] = 0.1 * r.nextGaussian();
                v1[i] = r.nextDouble();
            }
            float[] x2 = x1.clone();
            double[] m2 = m1.clone();
            double[] v2 = v1.clone();
            for (int t = 1; t <= 3; t++) {
                double stepSize = 1e-2 / (1 - Math.pow(0.9, t));
                double bc = Math.sqrt(1 - Math.pow(0.999, t));
                MixedAdam.step(x1, g, m1, v1, off, 3, n - 5, 0.8, clamp, 0.9, 0.999, stepSize, bc, 1e-8);
                MixedAdam.scalar(x2, g, m2, v2, off, 3, n - 5, 0.8, clamp, 0.9, 0.999, stepSize, bc, 1e-8);
            }
            assertArrayEquals(x2, x1, 0f);
            assertArrayEquals(m2, m1, 0.0);
            assertArrayEquals(v2, v1, 0.0);
        }
    }
}
