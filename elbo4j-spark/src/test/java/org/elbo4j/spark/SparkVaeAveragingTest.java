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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.data.Binarize;
import org.elbo4j.data.Minibatches;
import org.elbo4j.optim.AdamUpdate;
import org.elbo4j.optim.FlatParameters;
import org.elbo4j.optim.OptimizerState;
import org.elbo4j.optim.TensorParameters;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.vae.Vae;
import org.elbo4j.vae.VaeBatchGradient;
import org.elbo4j.vae.VaeObjective;
import org.elbo4j.vae.VaeTrainer;
import org.junit.jupiter.api.Test;

/**
 * Local steps with periodic parameter averaging ({@link LocalSteps}) on the tiny problem of
 * {@link VaeFixture}: 2 epochs of 3 batches, averaging every H = 2 steps (rounds of 2 and 1 batches).
 */
class SparkVaeAveragingTest {

    private static final int H = 2;

    /** One partition: every round is H steps of the local trainer, so the run equals it bit for bit. */
    @Test
    void onePartitionEqualsTheLocalTrainerBitForBit() {
        VaeTrainer local = VaeFixture.local(config(1), VaeObjective.ELBO);
        double[] localValues = {local.trainEpoch(), local.trainEpoch()};
        RowBlocks data = VaeFixture.blocks(1);
        try {
            SparkVaeTrainer t = VaeFixture.spark(config(1), VaeObjective.ELBO, data).averageEvery(H);
            VaeFixture.Result dist = VaeFixture.train(t, 2);
            assertArrayEquals(localValues, dist.epochValues(), 0.0);
            assertSameWeights(local.vae().parameters().copyValues(), dist.weights());
            assertEquals(local.optimizerState(), t.optimizerState(), "Adam moments and step count");
            assertEquals(4, t.timings().jobs(), "one job per round: 2 rounds per epoch");
        } finally {
            data.release();
        }
    }

    /**
     * Two partitions (rows 0–21 and 22–44): the run equals the algorithm written out plainly
     * here (no Spark, no tree), bit for bit: with two leaves the tree sum is the one addition a + b.
     */
    @Test
    void twoPartitionsEqualThePlainAlgorithmBitForBit() {
        RowBlocks data = VaeFixture.blocks(2);
        try {
            SparkVaeTrainer t = VaeFixture.spark(config(1), VaeObjective.ELBO, data).averageEvery(H);
            VaeFixture.Result dist = VaeFixture.train(t, 2);
            Reference ref = new Reference(data.start());
            double[] refValues = {ref.epoch(1), ref.epoch(2)};
            assertArrayEquals(refValues, dist.epochValues(), 0.0);
            assertSameWeights(ref.weights, dist.weights());
            assertEquals(ref.state, t.optimizerState(), "Adam moments and step count");
        } finally {
            data.release();
        }
    }

    /** Restored from (weights, optimizer state, epochs) after epoch 1, epoch 2 equals the uninterrupted run's. */
    @Test
    void resumedRunEqualsUninterruptedRun() {
        RowBlocks data = VaeFixture.blocks(2);
        try {
            VaeFixture.Result whole = VaeFixture.train(
                    VaeFixture.spark(config(1), VaeObjective.ELBO, data).averageEvery(H), 2);
            SparkVaeTrainer first = VaeFixture.spark(config(1), VaeObjective.ELBO, data).averageEvery(H);
            first.trainEpoch();
            SparkVaeTrainer second = VaeFixture.spark(config(1), VaeObjective.ELBO, data).averageEvery(H);
            second.vae().parameters().loadValues(first.vae().parameters().copyValues());
            second.restore(first.optimizerState(), first.epochsDone());
            assertEquals(whole.epochValues()[1], second.trainEpoch(), 0.0);
            assertSameWeights(whole.weights(), second.vae().parameters().copyValues());
        } finally {
            data.release();
        }
    }

    /** Parameter averaging over partitions written out with the core pieces only. */
    private static final class Reference {
        private final long[] start;
        private final Rng rng = Rng.of(SEED);
        private Map<String, float[]> weights;
        private OptimizerState state;

        Reference(long[] start) {
            this.start = start;
            Vae init = Vae.of(config(1), rng.child("init"));
            weights = init.parameters().copyValues();
            TensorParameters p = FlatParameters.ofTensors(init.parameters().parameters());
            state = AdamUpdate.of(p.size(), 1e-2).state(p);
        }

        double epoch(long e) {
            int[] order = Minibatches.permutation(N, rng.child("shuffle").child(e));
            int batches = (N + BATCH - 1) / BATCH;
            double loss = 0;
            long rows = 0;
            for (int first = 0; first < batches; first += H) {
                List<Map<String, float[]>> ws = new ArrayList<>();
                List<OptimizerState> ss = new ArrayList<>();
                long maxApplied = 0;
                for (int p = 0; p < start.length; p++) {
                    long from = start[p];
                    long to = p + 1 < start.length ? start[p + 1] : N;
                    Vae vae = Vae.of(config(1), Rng.of(0));
                    vae.parameters().loadValues(weights);
                    TensorParameters params = FlatParameters.ofTensors(vae.parameters().parameters());
                    AdamUpdate adam = AdamUpdate.of(params.size(), 1e-2);
                    adam.restore(state, params);
                    long applied = 0;
                    for (int i = first; i < Math.min(first + H, batches); i++) {
                        int size = Math.min(BATCH, N - i * BATCH);
                        List<Integer> pos = new ArrayList<>();
                        for (int q = 0; q < size; q++) {
                            int row = order[i * BATCH + q];
                            if (row >= from && row < to) {
                                pos.add(q);
                            }
                        }
                        if (pos.isEmpty()) {
                            continue;
                        }
                        float[] x = new float[pos.size() * D];
                        for (int j = 0; j < pos.size(); j++) {
                            System.arraycopy(VALUES, order[i * BATCH + pos.get(j)] * D, x, j * D, D);
                        }
                        float[] g = new float[VaeBatchGradient.size(vae)];
                        loss += VaeBatchGradient.compute(vae, Tensor.of(x, pos.size(), D),
                                pos.stream().mapToInt(Integer::intValue).toArray(), size, e, i, Binarize.DYNAMIC,
                                VaeObjective.ELBO, rng, g);
                        rows += pos.size();
                        VaeBatchGradient.apply(vae, g);
                        adam.step(params, 1e-2);
                        applied++;
                    }
                    maxApplied = Math.max(maxApplied, applied);
                    ws.add(vae.parameters().copyValues());
                    ss.add(adam.state(params));
                }
                Map<String, float[]> w = new LinkedHashMap<>();
                for (String name : weights.keySet()) {
                    float[] a = ws.get(0).get(name);
                    float[] b = ws.get(1).get(name);
                    float[] mean = new float[a.length];
                    for (int i = 0; i < a.length; i++) {
                        mean[i] = (float) (((double) a[i] + (double) b[i]) / 2);
                    }
                    w.put(name, mean);
                }
                Map<String, double[]> m = new LinkedHashMap<>();
                for (String name : state.names()) {
                    double[] a = ss.get(0).widened(name);
                    double[] b = ss.get(1).widened(name);
                    double[] mean = new double[a.length];
                    for (int i = 0; i < a.length; i++) {
                        mean[i] = (a[i] + b[i]) / 2;
                    }
                    m.put(name, mean);
                }
                weights = w;
                state = OptimizerState.ofDoubles(AdamUpdate.STATE_KIND, state.step() + maxApplied, m);
            }
            return -loss / rows;
        }
    }
}
