package org.elbo4j.vae;

import java.util.Objects;
import org.elbo4j.data.Batch;
import org.elbo4j.data.Binarize;
import org.elbo4j.data.Dataset;
import org.elbo4j.data.Minibatches;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.optim.OptimizerState;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;

/**
 * Trains a {@link Vae} with Adam on minibatches, one epoch at a time.
 *
 * <p>Every random draw of epoch e, batch i comes from a child stream of the seed that depends on
 * (e, i) only: the shuffle from {@code rng.child("shuffle").child(e)}, the dynamic binarization
 * from {@code rng.child("binarize").child(e).child(i)}, the noise ε from
 * {@code rng.child("noise").child(e).child(i)}. A run restored from (weights, optimizer state,
 * completed epochs, seed) therefore continues exactly as an uninterrupted one.
 */
public final class VaeTrainer {

    private final Vae vae;
    private final Adam optimizer;
    private final Minibatches batches;
    private final Binarize binarize;
    private final Rng rng;
    private final VaeObjective objective;
    private long epochsDone;

    private VaeTrainer(Vae vae, Adam optimizer, Minibatches batches, Binarize binarize, Rng rng,
            VaeObjective objective) {
        this.vae = vae;
        this.objective = objective;
        this.optimizer = optimizer;
        this.batches = batches;
        this.binarize = binarize;
        this.rng = rng;
    }

    /**
     * A trainer over {@code train} (already prepared for STATIC binarization) with batch size
     * {@code batchSize}, Adam with {@code adam}, and the run's seed stream {@code rng}.
     *
     * @throws IllegalArgumentException if the data does not fit the model or the batch size is < 1
     */
    public static VaeTrainer of(Vae vae, Dataset train, int batchSize, AdamConfig adam, Binarize binarize, Rng rng) {
        return of(vae, train, batchSize, adam, binarize, VaeObjective.ELBO, rng);
    }

    /**
     * A trainer of {@code vae} for {@code objective} (see {@link VaeObjective}); otherwise as
     * {@link #of(Vae, Dataset, int, AdamConfig, Binarize, Rng)}.
     *
     * @throws IllegalArgumentException as there, or if the objective has no analytic KL and the
     *                                  model's KL weight (β, annealing) is not 1 throughout
     */
    public static VaeTrainer of(Vae vae, Dataset train, int batchSize, AdamConfig adam, Binarize binarize,
            VaeObjective objective, Rng rng) {
        Objects.requireNonNull(vae, "VaeTrainer: vae must not be null");
        Objects.requireNonNull(binarize, "VaeTrainer: binarize must not be null");
        Objects.requireNonNull(objective, "VaeTrainer: objective must not be null");
        if (train.d() != vae.config().inputDim()) {
            throw new IllegalArgumentException("VaeTrainer: data has " + train.d() + " values per example but the model"
                    + " expects " + vae.config().inputDim());
        }
        if (!objective.analyticKl() && (vae.config().beta() != 1.0 || vae.config().klAnnealEpochs() != 0)) {
            throw new IllegalArgumentException("VaeTrainer: objective " + objective.objectiveName() + " with estimator "
                    + objective.estimatorName() + " needs beta 1 and no KL annealing, got beta "
                    + vae.config().beta() + ", annealing " + vae.config().klAnnealEpochs());
        }
        Minibatches batches = Minibatches.shuffled(train, batchSize, rng.child("shuffle"));
        return new VaeTrainer(vae, Adam.of(vae.parameters().parameters(), adam), batches, binarize, rng, objective);
    }

    /**
     * Runs the next epoch (number {@code epochsDone() + 1}) and returns its mean training objective
     * (ELBO or L_K) per example (with the epoch's KL weight, from the noisy per-batch values before each update).
     */
    public double trainEpoch() {
        long epoch = epochsDone + 1;
        double klWeight = vae.config().klWeight(epoch);
        Rng binarizeRng = rng.child("binarize").child(epoch);
        Rng noiseRng = rng.child("noise").child(epoch);
        double total = 0;
        long n = 0;
        for (Batch b : batches.epoch(epoch)) {
            Tensor x = binarize.batch(b.x(), binarizeRng.child(b.index()));
            optimizer.zeroGrad();
            Tensor loss = vae.loss(x, noiseRng.child(b.index()), klWeight, objective);
            loss.backward();
            optimizer.step();
            double value = loss.item();
            if (!Double.isFinite(value)) {
                throw new IllegalStateException("VaeTrainer: the loss became " + value + " in epoch " + epoch
                        + ", batch " + b.index() + " (try a smaller learning rate)");
            }
            total += value;
            n += b.size();
        }
        epochsDone = epoch;
        return -total / n;
    }

    /** The number of completed epochs. */
    public long epochsDone() {
        return epochsDone;
    }

    public Vae vae() {
        return vae;
    }

    /** A copy of the optimizer's state. */
    public OptimizerState optimizerState() {
        return optimizer.state();
    }

    /**
     * Puts back a saved point of a run: the optimizer's state and the number of completed epochs
     * (the weights are loaded into {@link #vae()} separately).
     */
    public void restore(OptimizerState state, long completedEpochs) {
        if (completedEpochs < 0) {
            throw new IllegalArgumentException("VaeTrainer: completedEpochs must be >= 0, got " + completedEpochs);
        }
        optimizer.restore(state);
        epochsDone = completedEpochs;
    }
}
