package org.elbo4j.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.elbo4j.data.Binarize;
import org.elbo4j.data.Dataset;
import org.elbo4j.data.Mnist;
import org.elbo4j.infer.IwaeGradient;
import org.elbo4j.nn.Activation;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.kernel.Parallel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IWAE training and the chunked IWAE evaluation on 300 of the bundled digits with a small
 * 784-64-8 model. Seeded and deterministic: no false failures.
 */
class VaeIwaeTrainingTest {

    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void load() throws IOException {
        Mnist digits = Mnist.load(Path.of("..", "elbo4j-cli", "src", "main", "resources", "org", "elbo4j", "data"));
        train = digits.train().slice(0, 300);
        test = Binarize.STATIC.prepare(digits.test().slice(0, 50), Rng.of(123));
    }

    private static VaeTrainer trainer(IwaeGradient estimator) {
        Rng rng = Rng.of(3);
        VaeConfig config = new VaeConfig(784, List.of(64), 8, Activation.RELU, Likelihood.BERNOULLI, 5, 1.0, 0);
        return VaeTrainer.of(Vae.of(config, rng.child("init")), train, 32, AdamConfig.adam().withLr(3e-3),
                Binarize.DYNAMIC, new VaeObjective(true, estimator), rng);
    }

    @Test
    void iwaeTrainingImprovesTheBound() {
        for (IwaeGradient estimator : IwaeGradient.values()) {
            VaeTrainer t = trainer(estimator);
            double before = VaeEvaluation.evaluate(t.vae(), test, 5, Rng.of(9)).iwae();
            double first = t.trainEpoch();
            double last = first;
            for (int e = 0; e < 3; e++) {
                last = t.trainEpoch();
            }
            double after = VaeEvaluation.evaluate(t.vae(), test, 5, Rng.of(9)).iwae();
            // an untrained model sits near 784·log ½ ≈ −543; four epochs gain well over 100 nats
            assertTrue(Double.isFinite(last) && last > first + 20, estimator + ": train L_5 " + first + " -> " + last);
            assertTrue(after > before + 100, estimator + ": test IWAE-5 " + before + " -> " + after);
        }
    }

    @Test
    void iwaeEvaluationDoesNotDependOnTheThreadCount() {
        Vae vae = trainer(IwaeGradient.DREG).vae();
        int saved = Parallel.threads();
        try {
            // 1200 samples: two full chunks and a partial one
            Parallel.setThreads(1);
            VaeScores one = VaeEvaluation.evaluate(vae, test.slice(0, 6), 1200, Rng.of(5));
            Parallel.setThreads(2);
            VaeScores two = VaeEvaluation.evaluate(vae, test.slice(0, 6), 1200, Rng.of(5));
            assertEquals(one.iwae(), two.iwae(), 0.0);
            assertEquals(one.iwaeStderr(), two.iwaeStderr(), 0.0);
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void chunkedEstimateAgreesWithTheFusedBound() {
        Vae vae = trainer(IwaeGradient.PLAIN).vae();
        Dataset one = test.slice(0, 1);
        int k = 600;
        int latent = 8;
        double chunked = VaeEvaluation.evaluate(vae, one, k, Rng.of(5)).iwae();
        // the same k samples (chunk c from noise.child(c)) through the training objective's fused bound
        Rng noise = Rng.of(5).child(0).child("iwae");
        float[] x = one.values().data();
        try (GradMode ignored = GradMode.noGrad()) {
            float[] enc = vae.encode(one.values()).data();
            float[] z = new float[k * latent];
            float[] encK = new float[k * 2 * latent];
            float[] xK = new float[k * x.length];
            Rng r = null;
            for (int s = 0; s < k; s++) {
                if (s % VaeImportanceSampler.CHUNK == 0) {
                    r = noise.child(s / VaeImportanceSampler.CHUNK);
                }
                System.arraycopy(enc, 0, encK, s * 2 * latent, 2 * latent);
                System.arraycopy(x, 0, xK, s * x.length, x.length);
                for (int j = 0; j < latent; j++) {
                    z[s * latent + j] = (float) (enc[j] + Math.exp(0.5 * enc[latent + j]) * r.nextGaussian());
                }
            }
            Tensor zT = Tensor.of(z, k, latent);
            Tensor ll = Likelihood.BERNOULLI.logProb(vae.decode(zT), Tensor.of(xK, k, x.length));
            double fused = ImportanceBound.of(ll, zT, Tensor.of(encK, k, 2 * latent), k, true,
                    IwaeGradient.PLAIN, null).item();
            assertEquals(fused, chunked, 1e-4 * Math.abs(fused));
        }
    }
}
