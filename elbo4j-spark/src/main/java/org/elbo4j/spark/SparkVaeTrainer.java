package org.elbo4j.spark;

import java.util.Arrays;
import java.util.Objects;
import org.elbo4j.data.Binarize;
import org.elbo4j.data.Minibatches;
import org.elbo4j.infer.NonFinitePolicy;
import org.elbo4j.infer.SviLoop;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.optim.AdamUpdate;
import org.elbo4j.optim.FlatParameters;
import org.elbo4j.optim.LrSchedule;
import org.elbo4j.optim.OptimizerState;
import org.elbo4j.optim.TensorParameters;
import org.elbo4j.random.Rng;
import org.elbo4j.vae.Vae;
import org.elbo4j.vae.VaeBatchGradient;
import org.elbo4j.vae.VaeObjective;
import org.elbo4j.vae.VaeTrainer;

/**
 * Data-parallel training of a {@link Vae} on Spark, in one of two modes.
 *
 * <p><b>Synchronous (the default): the same steps as {@link VaeTrainer}</b>, each minibatch's
 * gradient computed by the executors. Step t (batch i of epoch e): the driver takes the batch's
 * global row indices from the same shuffle as the local trainer
 * ({@code Minibatches.permutation(n, rng.child("shuffle").child(e))}), broadcasts the weights, and
 * every partition computes, with the fused kernels, the gradient of the loss summed over the rows
 * of the batch it holds ({@link VaeBatchGradient}, which draws the binarization and the noise of
 * the whole batch from the seed, epoch and batch index, never from the executor or thread). The
 * partial gradients are summed in a fixed binary tree over the partition indices ({@link TreeSum},
 * merged by {@code treeReduce}), and the driver applies the same step as the local trainer (one
 * {@link SviLoop} step with the same {@link AdamUpdate}):
 * <pre>
 *   g_t = Σ_p ∇ Σ_{rows of batch t in partition p} loss(x; θ_{t−1}),   θ_t = Adam(θ_{t−1}, g_t)
 * </pre>
 * With one partition, g_t is the local trainer's gradient bit for bit, and so is every update;
 * with P partitions the sum differs only in the order of its float additions. Cost: one Spark job
 * (broadcast, task launch, result merge) per minibatch.
 *
 * <p><b>Local steps with periodic parameter averaging</b> ({@link #averageEvery(int) averageEvery(H)},
 * as DL4J's {@code ParameterAveragingTrainingMaster}): the epoch's batches are cut into rounds of H;
 * in a round every partition runs H Adam steps from the broadcast weights and moments on its share
 * of each batch, and the driver averages the partitions' weights and moments ({@link LocalSteps}).
 * One Spark job per H minibatches; but a different algorithm: with P &gt; 1 partitions the steps
 * use gradients of B/P rows at diverging weights, so the result is not the synchronous one (with
 * one partition it is, bit for bit). Under {@link NonFinitePolicy#ROLLBACK} a partition's halved
 * rate is carried to the next rounds (the smallest factor any partition reached), as the local
 * trainer keeps it.
 *
 * <p>In both modes a task that Spark re-runs (a lost executor, a killed task) computes the same
 * result, and a run restored from a checkpoint continues as the uninterrupted one. Non-finite
 * losses and gradients are handled before the update ({@link NonFinitePolicy}). Dynamic and no
 * binarization are supported; static binarization draws the whole data set in one stream on one
 * machine, so it is rejected (binarize the data beforehand). {@link #timings()} says where the time
 * of the Spark jobs went.
 */
public final class SparkVaeTrainer {

    private final Vae vae;
    private final TensorParameters parameters;
    private final AdamUpdate adam;
    private final SviLoop loop;
    private final RowBlocks data;
    private final int batchSize;
    private final Binarize binarize;
    private final VaeObjective objective;
    private final Rng rng;
    private final VaeSpec spec;
    private final LrSchedule schedule;
    private LocalSteps.Rule rule;
    private final SparkTimings timings = new SparkTimings();
    private TaskProbe probe = TaskProbe.NONE;
    private int averageEvery;
    private long applied;
    private int localRollbacks;
    private long epochsDone;

    private SparkVaeTrainer(Vae vae, RowBlocks data, int batchSize, AdamConfig adam, Binarize binarize,
            VaeObjective objective, Rng rng) {
        this.vae = vae;
        this.data = data;
        this.batchSize = batchSize;
        this.binarize = binarize;
        this.objective = objective;
        this.rng = rng;
        this.spec = VaeSpec.of(vae.config(), objective);
        this.parameters = FlatParameters.ofTensors(vae.parameters().parameters());
        this.adam = AdamUpdate.of(parameters.size(), adam.schedule().rate(0), adam.beta1(), adam.beta2(), adam.eps());
        this.loop = SviLoop.of(parameters, this.adam, adam.schedule());
        this.schedule = adam.schedule();
        this.rule = new LocalSteps.Rule(adam.beta1(), adam.beta2(), adam.eps(), NonFinitePolicy.STOP);
    }

    /**
     * A trainer of {@code vae} over the rows held in {@code data}, with the settings of
     * {@link VaeTrainer#of(Vae, org.elbo4j.data.Dataset, int, AdamConfig, Binarize, VaeObjective, Rng)}.
     *
     * @throws IllegalArgumentException if the rows do not fit the model, the batch size is < 1,
     *                                  the binarization is STATIC or the objective does not fit the model
     */
    public static SparkVaeTrainer of(Vae vae, RowBlocks data, int batchSize, AdamConfig adam, Binarize binarize,
            VaeObjective objective, Rng rng) {
        Objects.requireNonNull(vae, "SparkVaeTrainer: vae must not be null");
        Objects.requireNonNull(objective, "SparkVaeTrainer: objective must not be null");
        if (adam.weightDecay() != 0) {
            throw new IllegalArgumentException("SparkVaeTrainer: weight decay is not supported, got " + adam.weightDecay());
        }
        if (data.d() != vae.config().inputDim()) {
            throw new IllegalArgumentException("SparkVaeTrainer: data has " + data.d() + " values per example but the"
                    + " model expects " + vae.config().inputDim());
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("SparkVaeTrainer: batchSize must be >= 1, got " + batchSize);
        }
        if (binarize == Binarize.STATIC) {
            throw new IllegalArgumentException("SparkVaeTrainer: static binarization is not supported on Spark"
                    + " (binarize the data beforehand, or use dynamic or none)");
        }
        if (!objective.analyticKl() && (vae.config().beta() != 1.0 || vae.config().klAnnealEpochs() != 0)) {
            throw new IllegalArgumentException("SparkVaeTrainer: objective " + objective.objectiveName()
                    + " with estimator " + objective.estimatorName() + " needs beta 1 and no KL annealing");
        }
        if (data.n() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("SparkVaeTrainer: at most 2^31 - 9 rows, got " + data.n());
        }
        return new SparkVaeTrainer(vae, data, batchSize, adam, binarize, objective, rng);
    }

    /** Sets the policy on a non-finite loss or gradient (default STOP), as {@link VaeTrainer#onNonFinite}. */
    public SparkVaeTrainer onNonFinite(NonFinitePolicy p) {
        loop.onNonFinite(Objects.requireNonNull(p, "SparkVaeTrainer: policy must not be null"));
        rule = new LocalSteps.Rule(rule.beta1(), rule.beta2(), rule.eps(), p);
        return this;
    }

    /**
     * Switches to local steps with periodic parameter averaging ({@link LocalSteps}): one Spark job
     * per {@code everySteps} minibatches instead of one per minibatch. A different algorithm: with
     * P &gt; 1 partitions the result is not that of the synchronous run (with one partition it is).
     * Returns this.
     *
     * @throws IllegalArgumentException if everySteps &lt; 1
     */
    public SparkVaeTrainer averageEvery(int everySteps) {
        if (everySteps < 1) {
            throw new IllegalArgumentException("SparkVaeTrainer: averageEvery must be >= 1, got " + everySteps);
        }
        this.averageEvery = everySteps;
        return this;
    }

    /** Local steps between averagings, or 0 in synchronous mode (the default). */
    public int averageEvery() {
        return averageEvery;
    }

    /**
     * Runs the next epoch and returns its mean training objective per example, as
     * {@link VaeTrainer#trainEpoch()}: one Spark job per minibatch (synchronous mode) or per round
     * of {@link #averageEvery()} minibatches (averaging mode; rounds do not cross epochs, the value
     * is then the mean of the partitions' losses at their local weights).
     *
     * @throws IllegalStateException on a non-finite loss or gradient, as there
     */
    public double trainEpoch() {
        long epoch = epochsDone + 1;
        int n = (int) data.n();
        int[] order = Minibatches.permutation(n, rng.child("shuffle").child(epoch));
        int batches = (n + batchSize - 1) / batchSize;
        double[] totals = new double[2];
        if (averageEvery == 0) {
            for (int i = 0; i < batches; i++) {
                syncStep(epoch, i, batchRows(order, i), totals);
            }
        } else {
            for (int first = 0; first < batches; first += averageEvery) {
                int[][] rows = new int[Math.min(averageEvery, batches - first)][];
                for (int j = 0; j < rows.length; j++) {
                    rows[j] = batchRows(order, first + j);
                }
                averagingRound(epoch, first, rows, totals);
            }
        }
        parameters.zeroGrad();
        epochsDone = epoch;
        return -totals[0] / totals[1];
    }

    private int[] batchRows(int[] order, int i) {
        return Arrays.copyOfRange(order, i * batchSize, Math.min((i + 1) * batchSize, order.length));
    }

    /** One synchronous step: a Spark job for the gradient, the Adam step on the driver. */
    private void syncStep(long epoch, int i, int[] rows, double[] totals) {
        long update = adam.stepCount() + 1;
        double[] value = new double[1];
        PartitionJob[] job = new PartitionJob[1];
        long[] after = new long[1];
        int partitions = data.partitions();
        VaeSpec s = spec;
        Binarize bin = binarize;
        long seed = rng.seed();
        TaskProbe pr = probe;
        SviLoop.Status status = loop.step(step -> {
            job[0] = PartitionJob.run(data, vae.parameters().copyValues(), (block, start, w, fetch) ->
                    BatchShare.gradient(block, start, partitions, rows, epoch, i, s, w, bin, seed, pr, fetch));
            after[0] = System.nanoTime();
            TreeSum sum = job[0].result().sum();
            value[0] = sum.scalar();
            parameters.zeroGrad();
            if (Double.isFinite(value[0])) {
                VaeBatchGradient.apply(vae, sum.vector());
            }
            return value[0];
        });
        timings.add(job[0], System.nanoTime() - after[0]);
        if (status == SviLoop.Status.APPLIED) {
            totals[0] += value[0];
            totals[1] += rows.length;
        } else if (status == SviLoop.Status.STOPPED) {
            throw new IllegalStateException(VaeTrainer.stopMessage("SparkVaeTrainer", loop, epoch, i, update));
        }
    }

    /** One round of local steps and averaging ({@link LocalSteps}): one Spark job. */
    private void averagingRound(long epoch, int first, int[][] rows, double[] totals) {
        double[] rates = new double[rows.length];
        for (int j = 0; j < rates.length; j++) {
            rates[j] = schedule.rate(applied + j);
        }
        OptimizerState state = adam.state(parameters);
        int partitions = data.partitions();
        VaeSpec s = spec;
        LocalSteps.Rule ru = rule;
        Binarize bin = binarize;
        long seed = rng.seed();
        TaskProbe pr = probe;
        PartitionJob job = PartitionJob.run(data, new LocalSteps.Start(vae.parameters().copyValues(),
                state.doubleBuffers(), state.step(), rates, loop.learningRateScale(), loop.consecutiveRollbacks()),
                (block, start, b, fetch) ->
                LocalSteps.run(block, start, partitions, epoch, first, rows, s, b, ru, bin, seed, pr, fetch));
        long t0 = System.nanoTime();
        PartResult r = job.result();
        localRollbacks += r.rollbacks();
        if (r.problem() != null) {
            throw new IllegalStateException("SparkVaeTrainer: the " + r.problem() + " in partition "
                    + r.problemPartition() + ", epoch " + epoch + ", batch " + r.problemBatch() + " (averaging round of"
                    + " batches " + first + "–" + (first + rows.length - 1) + ")"
                    + (r.droppedInARow() > SviLoop.MAX_CONSECUTIVE_ROLLBACKS ? " after "
                            + SviLoop.MAX_CONSECUTIVE_ROLLBACKS + " dropped steps in a row" : "")
                    + "; the round was not applied, the weights are those from before it"
                    + (r.rollbacks() == 0 ? " (try a smaller learning rate, or the rollback policy)" : ""));
        }
        LocalSteps.average(r, vae, parameters, adam);
        loop.continueRollbacks(r.rateScale(), r.droppedInARow());
        applied += r.maxApplied();
        totals[0] += r.sum().scalar();
        totals[1] += r.rows();
        timings.add(job, System.nanoTime() - t0);
    }

    /** Where the time of the Spark jobs went so far (see {@link SparkTimings}). */
    public SparkTimings timings() {
        return timings;
    }

    /** Calls {@code p} on the executor before every partition's step that has rows (a test hook). Returns this. */
    SparkVaeTrainer probe(TaskProbe p) {
        this.probe = Objects.requireNonNull(p, "SparkVaeTrainer: probe must not be null");
        return this;
    }

    /** The number of steps dropped under ROLLBACK so far. */
    public int rollbacks() {
        return loop.rollbacks() + localRollbacks;
    }

    /** The factor on the learning rate schedule: 1, halved at every dropped step, as {@link VaeTrainer#learningRateScale()}. */
    public double learningRateScale() {
        return loop.learningRateScale();
    }

    /** The number of completed epochs. */
    public long epochsDone() {
        return epochsDone;
    }

    /** The model (the driver's copy, holding the current weights). */
    public Vae vae() {
        return vae;
    }

    /** A copy of the optimizer's state, as {@link VaeTrainer#optimizerState()} (float64 moments). */
    public OptimizerState optimizerState() {
        return adam.state(parameters);
    }

    /** Puts back a saved point of a run (optimizer state, completed epochs), as {@link VaeTrainer#restore}. */
    public void restore(OptimizerState state, long completedEpochs) {
        if (completedEpochs < 0) {
            throw new IllegalArgumentException("SparkVaeTrainer: completedEpochs must be >= 0, got " + completedEpochs);
        }
        adam.restore(state, parameters);
        epochsDone = completedEpochs;
    }
}
