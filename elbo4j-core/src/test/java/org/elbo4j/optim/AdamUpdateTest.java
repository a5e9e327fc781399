package org.elbo4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link AdamUpdate}, the library's one Adam: PyTorch's rule written out in the test (tolerance
 * {@code 1e−14 (1 + |b|)}), the elementwise clamp, the norm clip, the reset, and its float32 form
 * (the tensor {@link Adam}) against the double form on one trajectory.
 */
class AdamUpdateTest {

    private static void close(double expected, double actual, double tol, String what) {
        assertEquals(expected, actual, tol * (1 + Math.abs(expected)), what);
    }

    /**
     * PyTorch's Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e−8, no weight decay), written out:
     * m_t = β₁ m + (1−β₁) g, v_t = β₂ v + (1−β₂) g², m̂ = m_t/(1−β₁ᵗ), v̂ = v_t/(1−β₂ᵗ),
     * λ ← λ − η m̂ / (√v̂ + ε). Two steps, the learning rate changed between them; a tiny gradient
     * component (where ε's placement matters) and a zero one.
     */
    @Test
    void adamTakesPyTorchSteps() {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double[] lambda = {0.5, -1.0, 2.0, 0.0, 3.0};
        double[] g1 = {0.3, -2.0, 1e-9, 0.0, 50.0};
        double[] g2 = {-0.1, -1.5, 3e-9, 0.0, -40.0};
        double[] lrs = {0.1, 0.03};

        double[] expected = lambda.clone();
        double[] m = new double[lambda.length];
        double[] v = new double[lambda.length];
        double[][] grads = {g1, g2};
        double[][] afterStep = new double[2][];
        for (int t = 1; t <= 2; t++) {
            double[] g = grads[t - 1];
            for (int i = 0; i < lambda.length; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                expected[i] -= lrs[t - 1] * mHat / (Math.sqrt(vHat) + eps);
            }
            afterStep[t - 1] = expected.clone();
        }

        AdamUpdate adam = AdamUpdate.of(lambda.length, lrs[0]);
        adam.step(lambda, g1.clone());
        for (int i = 0; i < lambda.length; i++) {
            close(afterStep[0][i], lambda[i], 1e-14, "step 1 [" + i + "]");
        }
        adam.setLearningRate(lrs[1]);
        adam.step(lambda, g2.clone());
        for (int i = 0; i < lambda.length; i++) {
            close(afterStep[1][i], lambda[i], 1e-14, "step 2 [" + i + "]");
        }
        // Sanity of the hand-computed first step: |Δ| = η for |g| ≫ ε, η·g/(|g|+ε) for tiny g.
        assertEquals(0.5 - 0.1 * 0.3 / (0.3 + 1e-8), afterStep[0][0], 1e-15);
        assertEquals(2.0 - 0.1 * 1e-9 / (1e-9 + 1e-8), afterStep[0][2], 1e-12);
        assertEquals(0.0, afterStep[1][3], 0.0);
    }

    /** With a clamp c, a gradient entry beyond ±c moves λ exactly as ±c would (Pyro's ClippedAdam). */
    @Test
    void clippedAdamTreatsLargeGradientsAsTheClamp() {
        double[] clipped = {1.0, -1.0, 0.5};
        double[] reference = clipped.clone();
        AdamUpdate withClip = AdamUpdate.of(3, 0.05).withClamp(10);
        AdamUpdate plain = AdamUpdate.of(3, 0.05);
        double[][] grads = {{1e6, -3.0, -1e4}, {2.0, -50.0, 7.0}};
        double[][] asClamped = {{10, -3.0, -10}, {2.0, -10, 7.0}};
        for (int t = 0; t < 2; t++) {
            withClip.step(clipped, grads[t].clone());
            plain.step(reference, asClamped[t].clone());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(reference[i], clipped[i], 1e-15, "element " + i);
        }
    }

    /**
     * With a norm clip c, a gradient of norm N &gt; c moves λ exactly as the gradient scaled by
     * c / (N + 1e−6) would (PyTorch's clip_grad_norm_); a gradient of norm below c is left alone.
     */
    @Test
    void normClipScalesLargeGradientsOnly() {
        double[] clipped = {1.0, -1.0, 0.5};
        double[] reference = clipped.clone();
        AdamUpdate withClip = AdamUpdate.of(3, 0.05).withMaxNorm(2);
        AdamUpdate plain = AdamUpdate.of(3, 0.05);
        double[][] grads = {{3.0, -4.0, 0.0}, {0.3, 0.4, -1.2}, {100.0, 0.0, 0.0}};
        double[] norms = {5.0, 1.3, 100.0};
        for (int t = 0; t < grads.length; t++) {
            double scale = norms[t] > 2 ? 2 / (norms[t] + GradClip.NORM_EPS) : 1;
            double[] scaled = new double[3];
            for (int i = 0; i < 3; i++) {
                scaled[i] = grads[t][i] * scale;
            }
            double[] g = grads[t].clone();
            withClip.step(clipped, g);
            assertArrayEquals(grads[t], g, 0.0, "the gradient is read, not changed");
            plain.step(reference, scaled);
            for (int i = 0; i < 3; i++) {
                assertEquals(reference[i], clipped[i], 1e-15, "step " + t + " element " + i);
            }
        }
    }

    /** After {@link AdamUpdate#reset} a step is the first step of a fresh update (moments and t forgotten). */
    @Test
    void resetStartsOver() {
        AdamUpdate used = AdamUpdate.of(2, 0.1);
        double[] x = {0.0, 0.0};
        used.step(x, new double[] {5.0, -0.2});
        used.step(x, new double[] {3.0, 0.7});
        assertEquals(2, used.stepCount());
        used.reset();
        assertEquals(0, used.stepCount());
        double[] fromX = x.clone();
        double start1 = x[1];
        used.step(x, new double[] {0.01, -4.0});
        AdamUpdate fresh = AdamUpdate.of(2, 0.1);
        fresh.step(fromX, new double[] {0.01, -4.0});
        assertArrayEquals(fromX, x, 0.0);
        // a first step moves each coordinate by η·g/(|g| + ε) ≈ ±η
        assertEquals(start1 + 0.1 * 4.0 / (4.0 + 1e-8), x[1], 1e-15, "the first step after the reset is +η");
    }

    /**
     * The tensor {@link Adam} (float32 parameters and moments, {@code AdamUpdate.stepFloat32}) and
     * the double form follow the same trajectory on an ill-conditioned quadratic loss
     * {@code ½ Σ c_i (p_i − t_i)²} over 300 steps: they agree to float32 rounding, measured as
     * at most 1e−5 per coordinate (the coordinates are of order 1; a wrong rule, such as a
     * missing bias correction or ε outside the root, differs by 1e−2 or more).
     */
    @Test
    void float32FormFollowsTheDoubleForm() {
        double[] c = {1.0, 10.0, 0.1, 100.0};
        double[] target = {1.0, -2.0, 0.5, 0.25};
        double[] start = {0.0, 0.5, -1.0, 2.0};
        Tensor p = Tensor.vector(start).requiresGrad(true);
        Adam tensorAdam = Adam.of(Map.of("p", p), AdamConfig.adam().withLr(0.01));
        AdamUpdate doubleAdam = AdamUpdate.of(4, 0.01);
        double[] x = start.clone();
        double[] g = new double[4];
        double largest = 0;
        for (int t = 0; t < 300; t++) {
            tensorAdam.zeroGrad();
            float[] pv = p.data();
            double[] tg = new double[4];
            for (int i = 0; i < 4; i++) {
                tg[i] = c[i] * (pv[i] - target[i]);
                g[i] = c[i] * (x[i] - target[i]);
            }
            p.mul(Tensor.vector(tg)).sum().backward();
            tensorAdam.step();
            doubleAdam.step(x, g);
            for (int i = 0; i < 4; i++) {
                largest = Math.max(largest, Math.abs(p.data()[i] - x[i]));
            }
        }
        assertTrue(largest <= 1e-5, "float32 and double Adam differ by " + largest);
        assertTrue(Math.abs(x[0] - target[0]) < 0.1, "the trajectory went somewhere: " + x[0]);
    }

    @Test
    void rejectsBadSettings() {
        assertEquals("AdamUpdate: size must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> AdamUpdate.of(0, 0.1)).getMessage());
        assertEquals("AdamUpdate: learningRate must be finite and >= 0, got -0.1",
                assertThrows(IllegalArgumentException.class, () -> AdamUpdate.of(2, -0.1)).getMessage());
        assertEquals("AdamConfig: beta1 must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> AdamUpdate.of(2, 0.1, 1.0, 0.999, 1e-8))
                        .getMessage());
        assertEquals("AdamUpdate: clamp must be > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> AdamUpdate.of(2, 0.1).withClamp(0)).getMessage());
        assertEquals("AdamUpdate: maxNorm must be > 0, got NaN", assertThrows(IllegalArgumentException.class,
                () -> AdamUpdate.of(2, 0.1).withMaxNorm(Double.NaN)).getMessage());
        assertEquals("AdamUpdate: params and gradient must have length 2, got 2 and 3",
                assertThrows(IllegalArgumentException.class,
                        () -> AdamUpdate.of(2, 0.1).step(new double[2], new double[3])).getMessage());
    }
}
