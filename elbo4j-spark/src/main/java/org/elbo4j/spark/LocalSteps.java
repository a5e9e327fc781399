package org.elbo4j.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.data.Binarize;
import org.elbo4j.infer.NonFinitePolicy;
import org.elbo4j.infer.SviLoop;
import org.elbo4j.optim.AdamUpdate;
import org.elbo4j.optim.FlatParameters;
import org.elbo4j.optim.OptimizerState;
import org.elbo4j.optim.TensorParameters;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.vae.Vae;
import org.elbo4j.vae.VaeBatchGradient;

/**
 * One round of parameter averaging (as DL4J's {@code ParameterAveragingTrainingMaster}; McDonald
 * et al. 2010, Zinkevich et al. 2010): every partition p starts from the broadcast weights θ and
 * Adam state (m, v, t), runs the round's H steps on the rows of each global batch that it holds,
 * and the driver replaces θ, m and v by their means over the partitions that applied a step:
 * <pre>
 *   (θ_p, m_p, v_p) = H local Adam steps from (θ, m, v, t) on the shares B_{t+1} ∩ X_p, …, B_{t+H} ∩ X_p
 *   θ ← (1/P') Σ_p θ_p,   m ← (1/P') Σ_p m_p,   v ← (1/P') Σ_p v_p,   t ← t + max_p (steps applied by p)
 * </pre>
 * the sums taken in double in the fixed tree of {@link TreeSum}, θ rounded once to float. A
 * partition's step j draws the binarization and noise of the whole global batch from (seed, epoch,
 * batch index) and keeps its rows ({@link VaeBatchGradient}), so nothing depends on the executor,
 * the thread or the task attempt. A partition with no row in a batch skips that step (its t lags).
 * With one partition every share is the whole batch and the mean of one value is that value:
 * the round equals H steps of {@code vae.VaeTrainer} bit for bit.
 *
 * <p>Non-finite steps are handled as by {@code vae.VaeTrainer} ({@link SviLoop}: the loss and
 * gradient are checked before the update): under STOP the partition stops and the driver applies
 * nothing of the round; under ROLLBACK the step is dropped and the factor s on the rate halved,
 * and the run goes on from the smallest s any partition ended its round with (and the most steps
 * dropped in a row): the halving lasts, as locally, and with one partition the run equals the local
 * trainer's, drops included.
 */
final class LocalSteps {

    /**
     * What every partition starts a round from: weights, Adam moments and step count, the rate of
     * each step (the schedule's), and the rollback state of the run (learning-rate factor s and the
     * steps dropped in a row, {@link SviLoop#continueRollbacks}).
     */
    record Start(Map<String, float[]> weights, Map<String, double[]> moments, long step, double[] rates,
            double rateScale, int droppedInARow) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Adam's constants and the non-finite policy, as plain values for the executors. */
    record Rule(double beta1, double beta2, double eps, NonFinitePolicy onNonFinite) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private LocalSteps() {
    }

    /**
     * Runs the round on one partition (on an executor): batches {@code first … first + rows.length − 1}
     * of {@code epoch}, {@code rows[j]} the global row indices of batch first + j in batch order.
     */
    static PartResult run(RowBlocks.Block block, long start, int partitions, long epoch, int first, int[][] rows,
            VaeSpec spec, Start s, Rule rule, Binarize bin, long seed, TaskProbe probe, long fetchNanos) {
        long t0 = System.nanoTime();
        int p = block.partition();
        Vae vae = spec.vae(s.weights());
        TensorParameters params = FlatParameters.ofTensors(vae.parameters().parameters());
        AdamUpdate adam = AdamUpdate.of(params.size(), s.rates()[0], rule.beta1(), rule.beta2(), rule.eps());
        adam.restore(OptimizerState.ofDoubles(AdamUpdate.STATE_KIND, s.step(), s.moments()), params);
        int[] current = new int[1];
        SviLoop loop = SviLoop.of(params, adam, u -> s.rates()[current[0]]).onNonFinite(rule.onNonFinite())
                .continueRollbacks(s.rateScale(), s.droppedInARow());
        float[] flat = new float[VaeBatchGradient.size(vae)];
        Rng rng = Rng.of(seed);
        double loss = 0;
        long used = 0;
        long applied = 0;
        int dropped = 0;
        for (int j = 0; j < rows.length; j++) {
            BatchShare share = BatchShare.of(block, start, rows[j]);
            if (share == null) {
                continue;
            }
            int index = first + j;
            int full = rows[j].length;
            probe.before(p, epoch, index);
            current[0] = j;
            double[] value = new double[1];
            SviLoop.Status status = loop.step(k -> {
                value[0] = VaeBatchGradient.compute(vae, Tensor.of(share.x(), share.m(), block.d()), share.positions(),
                        full, epoch, index, bin, spec.objective(), rng, flat);
                params.zeroGrad();
                if (Double.isFinite(value[0])) {
                    VaeBatchGradient.apply(vae, flat);
                }
                return value[0];
            });
            if (status == SviLoop.Status.APPLIED) {
                loss += value[0];
                used += share.m();
                applied++;
            } else if (status == SviLoop.Status.DROPPED) {
                dropped++;
            } else {
                return PartResult.of(TreeSum.leaf(partitions, p, null, 0), 0, false, applied, dropped, fetchNanos,
                        System.nanoTime() - t0).withProblem(p, index, loop.problem())
                        .withRollbackState(loop.learningRateScale(), loop.consecutiveRollbacks());
            }
        }
        params.zeroGrad();
        double[] leaf = applied == 0 ? null : flatten(vae.parameters().copyValues(), adam.state(params).doubleBuffers());
        return PartResult.of(TreeSum.leaf(partitions, p, null, leaf, loss), used, applied > 0, applied, dropped,
                fetchNanos, System.nanoTime() - t0).withRollbackState(loop.learningRateScale(), loop.consecutiveRollbacks());
    }

    /** The weights (widened) followed by the moment buffers, each in map order. */
    private static double[] flatten(Map<String, float[]> weights, Map<String, double[]> moments) {
        int n = 0;
        for (float[] w : weights.values()) {
            n += w.length;
        }
        for (double[] m : moments.values()) {
            n += m.length;
        }
        double[] out = new double[n];
        int at = 0;
        for (float[] w : weights.values()) {
            for (float x : w) {
                out[at++] = x;
            }
        }
        for (double[] m : moments.values()) {
            System.arraycopy(m, 0, out, at, m.length);
            at += m.length;
        }
        return out;
    }

    /**
     * Puts the round's means into the driver's model and optimizer (see the class comment);
     * nothing changes when no partition applied a step.
     */
    static void average(PartResult r, Vae vae, TensorParameters params, AdamUpdate adam) {
        if (r.contributors() == 0) {
            return;
        }
        double[] sum = r.sum().doubles();
        double c = r.contributors();
        int at = 0;
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : vae.parameters().copyValues().entrySet()) {
            float[] w = new float[e.getValue().length];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (sum[at++] / c);
            }
            weights.put(e.getKey(), w);
        }
        OptimizerState before = adam.state(params);
        Map<String, double[]> moments = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : before.doubleBuffers().entrySet()) {
            double[] m = new double[e.getValue().length];
            for (int i = 0; i < m.length; i++) {
                m[i] = sum[at++] / c;
            }
            moments.put(e.getKey(), m);
        }
        vae.parameters().loadValues(weights);
        adam.restore(OptimizerState.ofDoubles(AdamUpdate.STATE_KIND, before.step() + r.maxApplied(), moments), params);
    }
}
