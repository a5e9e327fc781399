package org.elbo4j.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.elbo4j.infer.IwaeGradient;
import org.elbo4j.nn.Activation;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.kernel.Parallel;
import org.junit.jupiter.api.Test;

/**
 * Antithetic noise for the VAE ({@link VaeNoise}, {@link VaeObjective#antithetic()}): the pairs
 * are exact negations, the ELBO and its gradient keep their expectation, and a short training run
 * with the option works, thread-count independent.
 */
class VaeAntitheticTest {

    private static final int D = 6;
    private static final int B = 4;

    @Test
    void pairsOfNoiseRowsAreExactlyNegated() {
        // K = 2: sample 1 of example b is minus sample 0 of b; sample 0 is the independent draw's
        Tensor anti = VaeNoise.of(Rng.of(4), 5, 2, 3, true);
        Tensor iid = VaeNoise.of(Rng.of(4), 5, 2, 3, false);
        float[] a = anti.data();
        for (int b = 0; b < 5; b++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(-a[b * 3 + j], a[(5 + b) * 3 + j], 0f, "example " + b);
                assertEquals(iid.data()[b * 3 + j], a[b * 3 + j], 0f, "example " + b);
            }
        }
        assertNotEquals(iid.data()[5 * 3], a[5 * 3]);
        // K = 1, 5 rows: rows 3, 4 are minus rows 0, 1; row 2 has no partner
        float[] one = VaeNoise.of(Rng.of(4), 5, 1, 3, true).data();
        for (int j = 0; j < 6; j++) {
            assertEquals(-one[j], one[9 + j], 0f);
        }
        assertEquals(iid.data()[6], one[6], 0f);
    }

    @Test
    void iwaeWithAntitheticNoiseIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VaeObjective(true, IwaeGradient.DREG, true));
        assertTrue(e.getMessage().contains("antithetic noise needs objective elbo"), e.getMessage());
    }

    /**
     * The loss and a fixed projection of its gradient, averaged over R draws of antithetic and of
     * independent noise, for the analytic-KL ELBO and the Monte Carlo ELBO with STL, with K = 2
     * (pairs within an example) and K = 1 (pairs across examples). The means must agree within
     * 4 standard errors of their difference: two-sided, a false failure rate of 6e−5 per
     * comparison, 5e−4 for the 8 (fixed seeds, so the outcome never changes from run to run).
     */
    @Test
    void theEstimatorStaysUnbiased() {
        Rng data = Rng.of(2);
        float[] xs = new float[B * D];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = data.nextDouble() < 0.5 ? 0f : 1f;
        }
        Tensor x = Tensor.of(xs, B, D);
        int reps = 3000;
        for (int k : new int[] {1, 2}) {
            Vae vae = Vae.of(new VaeConfig(D, List.of(5), 2, Activation.TANH, Likelihood.BERNOULLI, k, 1.0, 0),
                    Rng.of(1));
            float[][] direction = direction(vae, Rng.of(3));
            for (VaeObjective o : new VaeObjective[] {VaeObjective.ELBO, new VaeObjective(false, IwaeGradient.STL)}) {
                double[][] iid = draws(vae, x, o, direction, reps, Rng.of(10));
                double[][] anti = draws(vae, x, o.withAntithetic(true), direction, reps, Rng.of(11));
                for (int s = 0; s < 2; s++) {
                    double se = Math.sqrt(iid[s][1] / reps + anti[s][1] / reps);
                    String what = (s == 0 ? "loss" : "gradient projection") + ", K " + k + ", " + o.estimatorName();
                    assertTrue(Math.abs(iid[s][0] - anti[s][0]) < 4 * se, what + ": independent " + iid[s][0]
                            + ", antithetic " + anti[s][0] + ", se " + se);
                    assertTrue(se > 0, what);
                }
            }
        }
    }

    /** Mean and variance of {loss, gradient · direction} over reps draws of the noise. */
    private static double[][] draws(Vae vae, Tensor x, VaeObjective o, float[][] direction, int reps, Rng rng) {
        double[][] sum = new double[2][2];
        List<Tensor> params = vae.parameters().tensors();
        for (int r = 0; r < reps; r++) {
            vae.parameters().zeroGrad();
            Tensor loss = vae.loss(x, rng.child(r), 1.0, o);
            loss.backward();
            double proj = 0;
            for (int p = 0; p < params.size(); p++) {
                float[] g = params.get(p).grad().data();
                for (int i = 0; i < g.length; i++) {
                    proj += (double) g[i] * direction[p][i];
                }
            }
            double[] v = {loss.item(), proj};
            for (int s = 0; s < 2; s++) {
                sum[s][0] += v[s];
                sum[s][1] += v[s] * v[s];
            }
        }
        vae.parameters().zeroGrad();
        double[][] out = new double[2][2];
        for (int s = 0; s < 2; s++) {
            double mean = sum[s][0] / reps;
            out[s][0] = mean;
            out[s][1] = (sum[s][1] / reps - mean * mean) * reps / (reps - 1);
        }
        return out;
    }

    private static float[][] direction(Vae vae, Rng rng) {
        List<Tensor> params = vae.parameters().tensors();
        float[][] d = new float[params.size()][];
        for (int p = 0; p < params.size(); p++) {
            d[p] = Tensor.randn(rng.child(p), params.get(p).size()).data();
        }
        return d;
    }

    /**
     * Two epochs of a 784-32-4 model with K = 2 on 128 digits, the run {@link VaePinnedRunTest} pins,
     * with antithetic noise: it learns, and 1 or 2 threads give the same weights.
     */
    @Test
    void aShortTrainingRunWorksWhateverTheThreadCount() throws IOException {
        VaePinnedRunTest.load();
        VaeObjective anti = VaeObjective.ELBO.withAntithetic(true);
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            VaePinnedRunTest.Outcome one = VaePinnedRunTest.run(Likelihood.BERNOULLI, 2, 0, anti);
            Parallel.setThreads(2);
            VaePinnedRunTest.Outcome two = VaePinnedRunTest.run(Likelihood.BERNOULLI, 2, 0, anti);
            assertEquals(one, two, "1 against 2 threads");
            // an untrained model sits near 784·log ½ ≈ −543 nats; two epochs (8 steps) gain about 19
            assertTrue(Double.isFinite(one.epoch2()) && one.epoch2() > one.epoch1() + 10, one.toString());
            assertNotEquals(one.weightHash(),
                    VaePinnedRunTest.run(Likelihood.BERNOULLI, 2, 0, VaeObjective.ELBO).weightHash(),
                    "the option must change the noise");
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
