package org.elbo4j.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.elbo4j.data.Binarize;
import org.elbo4j.data.Dataset;
import org.elbo4j.data.Mnist;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short VAE runs on 300 of the bundled digits (a small 784-64-8 model, so the whole class runs
 * in about a second). Every run is seeded and deterministic: no false failures.
 */
class VaeTrainingTest {

    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void load() throws IOException {
        Mnist digits = Mnist.load(Path.of("..", "elbo4j-cli", "src", "main", "resources", "org", "elbo4j", "data"));
        train = digits.train().slice(0, 300);
        test = Binarize.STATIC.prepare(digits.test().slice(0, 100), Rng.of(123));
    }

    private static VaeTrainer trainer(long seed) {
        Rng rng = Rng.of(seed);
        Vae vae = Vae.of(VaeConfig.of(784, 64, 8), rng.child("init"));
        return VaeTrainer.of(vae, train, 32, AdamConfig.adam().withLr(3e-3), Binarize.DYNAMIC, rng);
    }

    @Test
    void trainingImprovesTheElbo() {
        VaeTrainer t = trainer(1);
        double before = VaeEvaluation.evaluate(t.vae(), test, 0, Rng.of(9)).elbo();
        double first = t.trainEpoch();
        double last = first;
        for (int e = 0; e < 4; e++) {
            last = t.trainEpoch();
        }
        double after = VaeEvaluation.evaluate(t.vae(), test, 0, Rng.of(9)).elbo();
        // an untrained model sits near −543 = 784·log ½; five epochs gain well over 100 nats
        assertTrue(last > first + 20, "train ELBO " + first + " -> " + last);
        assertTrue(after > before + 100, "test ELBO " + before + " -> " + after);
    }

    @Test
    void resumeEqualsUninterruptedRun(@TempDir Path dir) throws IOException {
        VaeTrainer straight = trainer(2);
        straight.trainEpoch();
        straight.trainEpoch();

        VaeTrainer first = trainer(2);
        first.trainEpoch();
        new VaeCheckpoint(first.vae(), Map.of("batch", 32), first.optimizerState(), first.epochsDone()).save(dir);

        VaeCheckpoint saved = VaeCheckpoint.load(dir);
        assertEquals(1, saved.epochsDone());
        VaeTrainer resumed = VaeTrainer.of(saved.vae(), train, 32, AdamConfig.adam().withLr(3e-3),
                Binarize.DYNAMIC, Rng.of(2));
        resumed.restore(saved.optimizer(), saved.epochsDone());
        resumed.trainEpoch();

        Map<String, float[]> a = straight.vae().parameters().copyValues();
        Map<String, float[]> b = resumed.vae().parameters().copyValues();
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), 0f, name);
        }
    }

    @Test
    void iwaeBoundsTheElboAndCountsUnits() {
        VaeTrainer t = trainer(3);
        t.trainEpoch();
        t.trainEpoch();
        VaeScores s = VaeEvaluation.evaluate(t.vae(), test, 64, Rng.of(4));
        // IWAE-64 ≥ ELBO in expectation, by a margin of several nats on a barely trained model
        assertTrue(s.iwae() > s.elbo(), "iwae " + s.iwae() + " vs elbo " + s.elbo());
        assertTrue(s.iwaeStderr() > 0 && s.iwaeStderr() < 20, "stderr " + s.iwaeStderr());
        assertEquals(8, s.klPerDim().length);
        double klSum = 0;
        for (double v : s.klPerDim()) {
            assertTrue(v >= 0);
            klSum += v;
        }
        assertTrue(klSum > 0);
        assertTrue(s.activeUnits() >= 1 && s.activeUnits() <= 8, "active units " + s.activeUnits());
        // K = 1: the IWAE estimate is an unbiased ELBO estimate (different noise): within 4 stderr
        VaeScores one = VaeEvaluation.evaluate(t.vae(), test, 1, Rng.of(4));
        assertEquals(one.elbo(), one.iwae(), 4 * Math.max(one.iwaeStderr(), 0.5), "K = 1");
    }
}
