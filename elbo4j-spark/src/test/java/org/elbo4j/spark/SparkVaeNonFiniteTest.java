package org.elbo4j.spark;

import static org.elbo4j.spark.VaeFixture.BATCH;
import static org.elbo4j.spark.VaeFixture.D;
import static org.elbo4j.spark.VaeFixture.N;
import static org.elbo4j.spark.VaeFixture.SEED;
import static org.elbo4j.spark.VaeFixture.VALUES;
import static org.elbo4j.spark.VaeFixture.assertSameWeights;
import static org.elbo4j.spark.VaeFixture.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.elbo4j.data.Binarize;
import org.elbo4j.data.Dataset;
import org.elbo4j.infer.NonFinitePolicy;
import org.elbo4j.infer.SviLoop;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.optim.OptimizerState;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.vae.Vae;
import org.elbo4j.vae.VaeObjective;
import org.elbo4j.vae.VaeTrainer;
import org.junit.jupiter.api.Test;

/**
 * Non-finite steps in averaging mode ({@link LocalSteps}) follow {@code vae train}'s policy: the
 * rows of {@link VaeFixture} with value 5 of some rows set to NaN (row 3; rows 22–44, all of partition 1 of 2; every row), no binarization (so the NaN
 * reaches the loss), rounds of H = 2 batches. ROLLBACK drops the step and the halved rate lasts
 * over the following rounds (one partition: bit for bit the local trainer, drops included); STOP,
 * and ROLLBACK after too many drops in a row, end with one clear error and the weights and
 * optimizer state of before the round. Deterministic: no false failures.
 */
class SparkVaeNonFiniteTest {

    private static final int H = 2;

    /** The fixture's rows with value 5 of rows {@code from … to − 1} set to NaN. */
    private static float[] poisoned(int from, int to) {
        float[] v = VALUES.clone();
        for (int r = from; r < to; r++) {
            v[r * D + 5] = Float.NaN;
        }
        return v;
    }

    private static RowBlocks blocks(float[] values, int partitions) {
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            rows.add(Arrays.copyOfRange(values, i * D, (i + 1) * D));
        }
        return RowBlocks.of(JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext())
                .parallelize(rows, partitions));
    }

    private static SparkVaeTrainer spark(RowBlocks data, NonFinitePolicy policy) {
        Rng rng = Rng.of(SEED);
        return SparkVaeTrainer.of(Vae.of(config(1), rng.child("init")), data, BATCH, AdamConfig.adam().withLr(1e-2),
                Binarize.NONE, VaeObjective.ELBO, rng).averageEvery(H).onNonFinite(policy);
    }

    @Test
    void rollbackHalvingLastsAcrossRoundsAsInTheLocalTrainer() {
        float[] bad = poisoned(3, 4);
        Rng rng = Rng.of(SEED);
        VaeTrainer local = VaeTrainer.of(Vae.of(config(1), rng.child("init")), Dataset.of(Tensor.of(bad.clone(), N, D)),
                BATCH, AdamConfig.adam().withLr(1e-2), Binarize.NONE, VaeObjective.ELBO, rng)
                .onNonFinite(NonFinitePolicy.ROLLBACK);
        double[] localValues = {local.trainEpoch(), local.trainEpoch()};
        assertEquals(2, local.rollbacks(), "row 3 is in one batch per epoch");
        RowBlocks data = blocks(bad, 1);
        try {
            SparkVaeTrainer t = spark(data, NonFinitePolicy.ROLLBACK);
            double[] values = {t.trainEpoch(), t.trainEpoch()};
            assertArrayEquals(localValues, values, 0.0);
            assertEquals(2, t.rollbacks());
            assertEquals(0.25, t.learningRateScale(), 0.0, "halved twice, kept over the rounds");
            assertEquals(local.learningRateScale(), t.learningRateScale(), 0.0);
            assertSameWeights(local.vae().parameters().copyValues(), t.vae().parameters().copyValues());
            assertEquals(local.optimizerState(), t.optimizerState());
        } finally {
            data.release();
        }
    }

    @Test
    void stopLeavesTheWeightsAndOptimizerOfBeforeTheRound() {
        RowBlocks data = blocks(poisoned(22, N), 2);
        try {
            SparkVaeTrainer t = spark(data, NonFinitePolicy.STOP);
            Map<String, float[]> before = t.vae().parameters().copyValues();
            OptimizerState state = t.optimizerState();
            IllegalStateException e = assertThrows(IllegalStateException.class, t::trainEpoch);
            assertEquals("SparkVaeTrainer: the loss is NaN in partition 1, epoch 1, batch 0 (averaging round of batches"
                    + " 0–1); the round was not applied, the weights are those from before it (try a smaller learning"
                    + " rate, or the rollback policy)", e.getMessage());
            assertSameWeights(before, t.vae().parameters().copyValues());
            assertEquals(state, t.optimizerState());
            assertEquals(0, t.epochsDone());
        } finally {
            data.release();
        }
    }

    @Test
    void rollbackGivesUpAfterTooManyDroppedStepsInARow() {
        RowBlocks data = blocks(poisoned(0, N), 1);
        try {
            SparkVaeTrainer t = spark(data, NonFinitePolicy.ROLLBACK);
            Map<String, float[]> before = t.vae().parameters().copyValues();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
                for (int i = 0; i < 20; i++) {
                    t.trainEpoch();
                }
            });
            assertTrue(e.getMessage().contains("after " + SviLoop.MAX_CONSECUTIVE_ROLLBACKS + " dropped steps in a row;"
                    + " the round was not applied"), e.getMessage());
            assertEquals(SviLoop.MAX_CONSECUTIVE_ROLLBACKS, t.rollbacks());
            assertSameWeights(before, t.vae().parameters().copyValues());
            assertEquals(0, t.optimizerState().step());
        } finally {
            data.release();
        }
    }
}
