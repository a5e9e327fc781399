package org.elbo4j.spark;

import static org.elbo4j.spark.VaeFixture.BATCH;
import static org.elbo4j.spark.VaeFixture.D;
import static org.elbo4j.spark.VaeFixture.SEED;
import static org.elbo4j.spark.VaeFixture.assertSameWeights;
import static org.elbo4j.spark.VaeFixture.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.data.Binarize;
import org.elbo4j.nn.Activation;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.random.Rng;
import org.elbo4j.vae.Likelihood;
import org.elbo4j.vae.Vae;
import org.elbo4j.vae.VaeConfig;
import org.elbo4j.vae.VaeObjective;
import org.junit.jupiter.api.Test;

/**
 * Synchronous distributed VAE training against the local trainer on the tiny problem of
 * {@link VaeFixture} (2 epochs of 3 batches).
 */
class SparkVaeTrainerTest {

    private static VaeFixture.Result distributed(VaeConfig config, VaeObjective objective, int partitions,
            int epochs) {
        RowBlocks data = VaeFixture.blocks(partitions);
        try {
            return VaeFixture.train(VaeFixture.spark(config, objective, data), epochs);
        } finally {
            data.release();
        }
    }

    @Test
    void onePartitionEqualsTheLocalTrainerBitForBit() {
        VaeFixture.Result local = VaeFixture.localRun(config(1), VaeObjective.ELBO, 2);
        VaeFixture.Result dist = distributed(config(1), VaeObjective.ELBO, 1, 2);
        assertArrayEquals(local.epochValues(), dist.epochValues(), 0.0);
        assertSameWeights(local.weights(), dist.weights());
    }

    @Test
    void onePartitionEqualsTheLocalTrainerForIwaeWithDreg() {
        VaeObjective iwae = VaeObjective.parse("iwae", "dreg");
        VaeFixture.Result local = VaeFixture.localRun(config(3), iwae, 1);
        VaeFixture.Result dist = distributed(config(3), iwae, 1, 1);
        assertSameWeights(local.weights(), dist.weights());
    }

    /**
     * Three partitions (15 rows each, so batches straddle them): the gradients differ from the
     * local ones only in the order of float additions; after 6 Adam steps the weights agree to
     * 1e-4 relative (in norm), the epoch objectives to 1e-5.
     */
    @Test
    void threePartitionsEqualTheLocalTrainerUpToSummationOrder() {
        assertEqualUpToSummationOrder(config(1), VaeObjective.ELBO);
    }

    /**
     * As above with antithetic noise and K = 2: the executors draw the pairs of the whole batch
     * (the flag travels in {@link VaeSpec}); without it they would differ from the local run by far
     * more than summation order.
     */
    @Test
    void threePartitionsWithAntitheticNoiseEqualTheLocalTrainer() {
        assertEqualUpToSummationOrder(config(2), VaeObjective.ELBO.withAntithetic(true));
    }

    private static void assertEqualUpToSummationOrder(VaeConfig config, VaeObjective objective) {
        VaeFixture.Result local = VaeFixture.localRun(config, objective, 2);
        VaeFixture.Result dist = distributed(config, objective, 3, 2);
        double diff = 0;
        double norm = 0;
        for (String name : local.weights().keySet()) {
            float[] a = local.weights().get(name);
            float[] b = dist.weights().get(name);
            for (int i = 0; i < a.length; i++) {
                diff += (a[i] - b[i]) * (double) (a[i] - b[i]);
                norm += a[i] * (double) a[i];
            }
        }
        assertTrue(Math.sqrt(diff / norm) < 1e-4, "relative difference " + Math.sqrt(diff / norm));
        for (int e = 0; e < 2; e++) {
            assertEquals(local.epochValues()[e], dist.epochValues()[e], 1e-5 * Math.abs(local.epochValues()[e]));
        }
    }

    /** An epoch run after restoring (weights, optimizer state, epochs) equals the uninterrupted run. */
    @Test
    void resumedRunEqualsUninterruptedRun() {
        VaeFixture.Result whole = distributed(config(1), VaeObjective.ELBO, 2, 2);
        RowBlocks data = VaeFixture.blocks(2);
        try {
            SparkVaeTrainer first = VaeFixture.spark(config(1), VaeObjective.ELBO, data);
            first.trainEpoch();
            SparkVaeTrainer second = VaeFixture.spark(config(1), VaeObjective.ELBO, data);
            second.vae().parameters().loadValues(first.vae().parameters().copyValues());
            second.restore(first.optimizerState(), first.epochsDone());
            double value = second.trainEpoch();
            assertEquals(whole.epochValues()[1], value, 0.0);
            assertSameWeights(whole.weights(), second.vae().parameters().copyValues());
            assertEquals(3, first.timings().jobs(), "one job per minibatch");
        } finally {
            data.release();
        }
    }

    @Test
    void staticBinarizationAndWrongWidthAreRejected() {
        RowBlocks data = VaeFixture.blocks(2);
        try {
            Rng rng = Rng.of(SEED);
            assertThrows(IllegalArgumentException.class, () -> SparkVaeTrainer.of(Vae.of(config(1), rng), data, BATCH,
                    AdamConfig.adam(), Binarize.STATIC, VaeObjective.ELBO, rng));
            VaeConfig wide = new VaeConfig(D + 1, List.of(8), 3, Activation.TANH, Likelihood.BERNOULLI, 1, 1.0, 0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkVaeTrainer.of(
                    Vae.of(wide, rng), data, BATCH, AdamConfig.adam(), Binarize.DYNAMIC, VaeObjective.ELBO, rng));
            assertTrue(e.getMessage().contains("12 values per example"), e.getMessage());
            SparkVaeTrainer t = VaeFixture.spark(config(1), VaeObjective.ELBO, data);
            assertThrows(IllegalArgumentException.class, () -> t.averageEvery(0));
        } finally {
            data.release();
        }
    }
}
