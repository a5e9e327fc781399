package org.elbo4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.elbo4j.data.Binarize;
import org.elbo4j.data.Dataset;
import org.elbo4j.nn.Activation;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.vae.Likelihood;
import org.elbo4j.vae.Vae;
import org.elbo4j.vae.VaeConfig;
import org.elbo4j.vae.VaeObjective;
import org.elbo4j.vae.VaeTrainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Distributed VAE training against the local trainer on a tiny data set (45 rows of 12 values,
 * a 12-8-3 model, batches of 16 with a short last one, 2 epochs).
 */
class SparkVaeTrainerTest {

    private static final int N = 45;
    private static final int D = 12;
    private static final int BATCH = 16;
    private static final long SEED = 7;
    private static SparkSession spark;
    private static JavaSparkContext sc;
    private static float[] values;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session();
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Rng r = Rng.of(3);
        values = new float[N * D];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) r.nextDouble();
        }
    }

    private static VaeConfig config(int k) {
        return new VaeConfig(D, List.of(8), 3, Activation.TANH, Likelihood.BERNOULLI, k, 1.0, 0);
    }

    /** The local trainer's weights and epoch values after {@code epochs} epochs. */
    private static Result local(VaeConfig config, VaeObjective objective, int epochs) {
        Rng rng = Rng.of(SEED);
        Vae vae = Vae.of(config, rng.child("init"));
        VaeTrainer t = VaeTrainer.of(vae, Dataset.of(Tensor.of(values.clone(), N, D)), BATCH,
                AdamConfig.adam().withLr(1e-2), Binarize.DYNAMIC, objective, rng);
        double[] epochValues = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            epochValues[e] = t.trainEpoch();
        }
        return new Result(vae.parameters().copyValues(), epochValues);
    }

    private static RowBlocks blocks(int partitions) {
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            rows.add(java.util.Arrays.copyOfRange(values, i * D, (i + 1) * D));
        }
        JavaRDD<float[]> rdd = sc.parallelize(rows, partitions);
        return RowBlocks.of(rdd);
    }

    private static SparkVaeTrainer spark(VaeConfig config, VaeObjective objective, RowBlocks data) {
        Rng rng = Rng.of(SEED);
        return SparkVaeTrainer.of(Vae.of(config, rng.child("init")), data, BATCH, AdamConfig.adam().withLr(1e-2),
                Binarize.DYNAMIC, objective, rng);
    }

    private static Result distributed(VaeConfig config, VaeObjective objective, int partitions, int epochs) {
        RowBlocks data = blocks(partitions);
        try {
            SparkVaeTrainer t = spark(config, objective, data);
            double[] epochValues = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                epochValues[e] = t.trainEpoch();
            }
            return new Result(t.vae().parameters().copyValues(), epochValues);
        } finally {
            data.release();
        }
    }

    private record Result(Map<String, float[]> weights, double[] epochValues) {
    }

    @Test
    void onePartitionEqualsTheLocalTrainerBitForBit() {
        Result local = local(config(1), VaeObjective.ELBO, 2);
        Result dist = distributed(config(1), VaeObjective.ELBO, 1, 2);
        assertArrayEquals(local.epochValues(), dist.epochValues(), 0.0);
        for (String name : local.weights().keySet()) {
            assertArrayEquals(local.weights().get(name), dist.weights().get(name), 0f, name);
        }
    }

    @Test
    void onePartitionEqualsTheLocalTrainerForIwaeWithDreg() {
        VaeObjective iwae = VaeObjective.parse("iwae", "dreg");
        Result local = local(config(3), iwae, 1);
        Result dist = distributed(config(3), iwae, 1, 1);
        for (String name : local.weights().keySet()) {
            assertArrayEquals(local.weights().get(name), dist.weights().get(name), 0f, name);
        }
    }

    /**
     * Three partitions (15 rows each, so batches straddle them): the gradients differ from the
     * local ones only in the order of float additions; after 6 Adam steps the weights agree to
     * 1e-4 relative (in norm), the epoch objectives to 1e-5.
     */
    @Test
    void threePartitionsEqualTheLocalTrainerUpToSummationOrder() {
        Result local = local(config(1), VaeObjective.ELBO, 2);
        Result dist = distributed(config(1), VaeObjective.ELBO, 3, 2);
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
        Result whole = distributed(config(1), VaeObjective.ELBO, 2, 2);
        RowBlocks data = blocks(2);
        try {
            SparkVaeTrainer first = spark(config(1), VaeObjective.ELBO, data);
            first.trainEpoch();
            SparkVaeTrainer second = spark(config(1), VaeObjective.ELBO, data);
            second.vae().parameters().loadValues(first.vae().parameters().copyValues());
            second.restore(first.optimizerState(), first.epochsDone());
            double value = second.trainEpoch();
            assertEquals(whole.epochValues()[1], value, 0.0);
            for (String name : whole.weights().keySet()) {
                assertArrayEquals(whole.weights().get(name), second.vae().parameters().copyValues().get(name), 0f);
            }
        } finally {
            data.release();
        }
    }

    @Test
    void staticBinarizationAndWrongWidthAreRejected() {
        RowBlocks data = blocks(2);
        try {
            Rng rng = Rng.of(SEED);
            assertThrows(IllegalArgumentException.class, () -> SparkVaeTrainer.of(Vae.of(config(1), rng), data, BATCH,
                    AdamConfig.adam(), Binarize.STATIC, VaeObjective.ELBO, rng));
            VaeConfig wide = new VaeConfig(D + 1, List.of(8), 3, Activation.TANH, Likelihood.BERNOULLI, 1, 1.0, 0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkVaeTrainer.of(
                    Vae.of(wide, rng), data, BATCH, AdamConfig.adam(), Binarize.DYNAMIC, VaeObjective.ELBO, rng));
            assertTrue(e.getMessage().contains("12 values per example"), e.getMessage());
        } finally {
            data.release();
        }
    }
}
