package org.elbo4j.spark;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.elbo4j.data.Binarize;
import org.elbo4j.data.Minibatches;
import org.elbo4j.infer.NonFinitePolicy;
import org.elbo4j.infer.SviLoop;
import org.elbo4j.optim.AdamConfig;
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

/**
 * Synchronous data-parallel training of a {@link Vae} on Spark: the same steps as
 * {@link VaeTrainer}, each minibatch's gradient computed by the executors.
 *
 * <p>Step t (batch i of epoch e): the driver takes the batch's global row indices from the same
 * shuffle as the local trainer ({@code Minibatches.permutation(n, rng.child("shuffle").child(e))}),
 * broadcasts the weights, and every partition computes, with the fused kernels, the gradient of
 * the loss summed over the rows of the batch it holds ({@link VaeBatchGradient}, which draws the
 * binarization and the noise of the whole batch from the seed, epoch and batch index, never from
 * the executor or thread). The partial gradients are summed in a fixed binary tree over the
 * partition indices ({@link TreeSum}, merged by {@code treeReduce}), and the driver applies the
 * same step as the local trainer (one {@link SviLoop} step with the same {@link AdamUpdate}):
 * <pre>
 *   g_t = Σ_p ∇ Σ_{rows of batch t in partition p} loss(x; θ_{t−1}),   θ_t = Adam(θ_{t−1}, g_t)
 * </pre>
 * With one partition, g_t is the local trainer's gradient bit for bit, and so is every update;
 * with P partitions the sum differs only in the order of its float additions. A task that Spark
 * re-runs (a lost executor, a killed task) computes the same partial gradient.
 *
 * <p>Non-finite losses and gradients are handled by the same loop as in {@link VaeTrainer}, before
 * the update ({@link NonFinitePolicy}). Dynamic and no binarization are supported; static binarization
 * draws the whole data set in one stream on one machine, so it is rejected (binarize the data
 * beforehand).
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
    private final JavaSparkContext sc;
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
        this.sc = JavaSparkContext.fromSparkContext(data.blocks().context());
        this.parameters = FlatParameters.ofTensors(vae.parameters().parameters());
        this.adam = AdamUpdate.of(parameters.size(), adam.schedule().rate(0), adam.beta1(), adam.beta2(), adam.eps());
        this.loop = SviLoop.of(parameters, this.adam, adam.schedule());
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
        return this;
    }

    /**
     * Runs the next epoch and returns its mean training objective per example, as
     * {@link VaeTrainer#trainEpoch()}: one Spark job per minibatch.
     *
     * @throws IllegalStateException on a non-finite loss or gradient, as there
     */
    public double trainEpoch() {
        long epoch = epochsDone + 1;
        int n = (int) data.n();
        int[] order = Minibatches.permutation(n, rng.child("shuffle").child(epoch));
        int batches = (n + batchSize - 1) / batchSize;
        double total = 0;
        long count = 0;
        for (int i = 0; i < batches; i++) {
            int[] rows = java.util.Arrays.copyOfRange(order, i * batchSize, Math.min((i + 1) * batchSize, n));
            int batch = i;
            long update = adam.stepCount() + 1;
            double[] value = new double[1];
            SviLoop.Status status = loop.step(step -> {
                TreeSum sum = batchGradient(epoch, batch, rows);
                value[0] = sum.scalar();
                parameters.zeroGrad();
                if (Double.isFinite(value[0])) {
                    VaeBatchGradient.apply(vae, sum.vector());
                }
                return value[0];
            });
            if (status == SviLoop.Status.APPLIED) {
                total += value[0];
                count += rows.length;
            } else if (status == SviLoop.Status.STOPPED) {
                throw new IllegalStateException(VaeTrainer.stopMessage("SparkVaeTrainer", loop, epoch, i, update));
            }
        }
        parameters.zeroGrad();
        epochsDone = epoch;
        return -total / count;
    }

    /** One Spark job: the partial gradients of batch {@code index} summed in the fixed tree. */
    private TreeSum batchGradient(long epoch, int index, int[] rows) {
        Broadcast<Map<String, float[]>> weights = sc.broadcast(vae.parameters().copyValues());
        try {
            long[] start = data.start();
            int partitions = data.partitions();
            VaeSpec s = spec;
            Binarize bin = binarize;
            long seed = rng.seed();
            int full = rows.length;
            TreeSum sum = data.blocks().mapPartitions((Iterator<RowBlocks.Block> it) -> {
                RowBlocks.Block block = it.next();
                return List.of(share(block, start[block.partition()], partitions, rows, full, epoch, index,
                        s, weights.value(), bin, seed)).iterator();
            }).treeReduce(TreeSum::merge, 2);
            return sum;
        } finally {
            weights.destroy();
        }
    }

    /** The partial gradient of the rows of the batch that one partition holds (run on an executor). */
    static TreeSum share(RowBlocks.Block block, long start, int partitions, int[] rows, int batchRows, long epoch,
            int index, VaeSpec spec, Map<String, float[]> weights, Binarize bin, long seed) {
        int m = 0;
        for (int r : rows) {
            if (r >= start && r < start + block.count()) {
                m++;
            }
        }
        if (m == 0) {
            return TreeSum.leaf(partitions, block.partition(), null, 0);
        }
        int d = block.d();
        int[] positions = new int[m];
        float[] x = new float[m * d];
        int j = 0;
        for (int pos = 0; pos < rows.length; pos++) {
            long local = rows[pos] - start;
            if (local >= 0 && local < block.count()) {
                positions[j] = pos;
                System.arraycopy(block.values(), (int) local * d, x, j * d, d);
                j++;
            }
        }
        Vae vae = spec.vae(weights);
        float[] flat = new float[VaeBatchGradient.size(vae)];
        double loss = VaeBatchGradient.compute(vae, Tensor.of(x, m, d), positions, batchRows, epoch, index, bin,
                spec.objective(), Rng.of(seed), flat);
        return TreeSum.leaf(partitions, block.partition(), flat, loss);
    }

    /** The number of steps dropped under ROLLBACK so far. */
    public int rollbacks() {
        return loop.rollbacks();
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
