package org.elbo4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
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

/**
 * The tiny VAE problem of the Spark trainer tests: 45 rows of 12 values in [0, 1], a 12-8-3
 * model, batches of 16 (the last one short: 3 batches per epoch), Adam at 1e-2, dynamic
 * binarization, seed 7.
 */
final class VaeFixture {

    static final int N = 45;
    static final int D = 12;
    static final int BATCH = 16;
    static final long SEED = 7;
    static final float[] VALUES = values();

    private VaeFixture() {
    }

    private static float[] values() {
        Rng r = Rng.of(3);
        float[] v = new float[N * D];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble();
        }
        return v;
    }

    static VaeConfig config(int k) {
        return new VaeConfig(D, List.of(8), 3, Activation.TANH, Likelihood.BERNOULLI, k, 1.0, 0);
    }

    /** The weights and epoch values of a run. */
    record Result(Map<String, float[]> weights, double[] epochValues) {
    }

    /** The local trainer on the same problem. */
    static VaeTrainer local(VaeConfig config, VaeObjective objective) {
        Rng rng = Rng.of(SEED);
        return VaeTrainer.of(Vae.of(config, rng.child("init")), Dataset.of(Tensor.of(VALUES.clone(), N, D)), BATCH,
                AdamConfig.adam().withLr(1e-2), Binarize.DYNAMIC, objective, rng);
    }

    /** The local trainer's weights and epoch values after {@code epochs} epochs. */
    static Result localRun(VaeConfig config, VaeObjective objective, int epochs) {
        VaeTrainer t = local(config, objective);
        double[] epochValues = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            epochValues[e] = t.trainEpoch();
        }
        return new Result(t.vae().parameters().copyValues(), epochValues);
    }

    /** The rows in {@code partitions} partitions of the test session (release them after use). */
    static RowBlocks blocks(int partitions) {
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            rows.add(Arrays.copyOfRange(VALUES, i * D, (i + 1) * D));
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
        return RowBlocks.of(sc.parallelize(rows, partitions));
    }

    /** A Spark trainer of the same problem over {@code data}, from the same initial weights. */
    static SparkVaeTrainer spark(VaeConfig config, VaeObjective objective, RowBlocks data) {
        Rng rng = Rng.of(SEED);
        return SparkVaeTrainer.of(Vae.of(config, rng.child("init")), data, BATCH, AdamConfig.adam().withLr(1e-2),
                Binarize.DYNAMIC, objective, rng);
    }

    /** {@code epochs} epochs of {@code t}: its weights and epoch values. */
    static Result train(SparkVaeTrainer t, int epochs) {
        double[] epochValues = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            epochValues[e] = t.trainEpoch();
        }
        return new Result(t.vae().parameters().copyValues(), epochValues);
    }

    /** Every weight equal bit for bit. */
    static void assertSameWeights(Map<String, float[]> expected, Map<String, float[]> actual) {
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), actual.get(name), 0f, name);
        }
    }
}
