package org.elbo4j.vae;

import java.util.Objects;
import org.elbo4j.data.Batch;
import org.elbo4j.data.Binarize;
import org.elbo4j.data.Dataset;
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

/**
 * Trains a {@link Vae} with Adam on minibatches, one epoch at a time: the library's
 * {@link SviLoop} over the model's float32 weights ({@link TensorParameters}) with
 * {@link AdamUpdate} (moments in double, each weight updated in double and rounded once) at the
 * rates of {@link AdamConfig#schedule()}.
 *
 * <p>Every random draw of epoch e, batch i comes from a child stream of the seed that depends on
 * (e, i) only: the shuffle from {@code rng.child("shuffle").child(e)}, the dynamic binarization
 * from {@code rng.child("binarize").child(e).child(i)}, the noise ε from
 * {@code rng.child("noise").child(e).child(i)} ({@link VaeNoise}; in antithetic pairs ε, −ε when
 * the objective asks for them, {@link VaeObjective#antithetic()}). A run restored from (weights,
 * optimizer state, completed epochs, seed, objective) therefore continues exactly as an
 * uninterrupted one.
 *
 * <p>Each step checks the loss and then every gradient for NaN and ±∞ <em>before</em> the update
 * is applied; on a non-finite value the update is not made, so the weights and the optimizer
 * state are those from before that step, and the {@link NonFinitePolicy} decides:
 * {@link NonFinitePolicy#STOP} (the default) throws an {@link IllegalStateException} naming the
 * epoch and batch; {@link NonFinitePolicy#ROLLBACK} drops the step, halves the learning rate
 * (a factor {@link #learningRateScale()} on the schedule) and goes on with the next batch,
 * throwing after {@link SviLoop#MAX_CONSECUTIVE_ROLLBACKS} dropped steps in a row. (An Adam update of
 * finite gradients moves each weight by at most about the learning rate, so it cannot make finite
 * weights non-finite: checking before the update needs no copy of the weights.) The learning-rate
 * scale is not part of the optimizer state: a trainer put back with {@link #restore} starts at 1.
 */
public final class VaeTrainer {

    private final Vae vae;
    private final TensorParameters parameters;
    private final AdamUpdate adam;
    private final SviLoop loop;
    private final Minibatches batches;
    private final Binarize binarize;
    private final Rng rng;
    private final VaeObjective objective;
    private long epochsDone;

    private VaeTrainer(Vae vae, AdamConfig config, Minibatches batches, Binarize binarize, Rng rng,
            VaeObjective objective) {
        this.vae = vae;
        this.objective = objective;
        this.parameters = FlatParameters.ofTensors(vae.parameters().parameters());
        this.adam = AdamUpdate.of(parameters.size(), config.schedule().rate(0), config.beta1(), config.beta2(),
                config.eps());
        this.loop = SviLoop.of(parameters, adam, config.schedule());
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
        if (adam.weightDecay() != 0) {
            throw new IllegalArgumentException("VaeTrainer: weight decay is not supported, got " + adam.weightDecay());
        }
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
        return new VaeTrainer(vae, adam, batches, binarize, rng, objective);
    }

    /**
     * Sets what happens when a step's loss or gradient is not finite (default
     * {@link NonFinitePolicy#STOP}); see the class comment.
     */
    public VaeTrainer onNonFinite(NonFinitePolicy p) {
        loop.onNonFinite(Objects.requireNonNull(p, "VaeTrainer: policy must not be null"));
        return this;
    }

    /**
     * Runs the next epoch (number {@code epochsDone() + 1}) and returns its mean training objective
     * (ELBO or L_K) per example (with the epoch's KL weight, from the noisy per-batch values before
     * each update; steps dropped under {@link NonFinitePolicy#ROLLBACK} are left out, NaN when all were).
     *
     * @throws IllegalStateException on a non-finite loss or gradient under {@link NonFinitePolicy#STOP}
     *     (the step not applied), or after {@link SviLoop#MAX_CONSECUTIVE_ROLLBACKS} dropped steps in a row
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
            long update = adam.stepCount() + 1;
            double[] value = new double[1];
            SviLoop.Status status = loop.step(step -> {
                parameters.zeroGrad();
                Tensor loss = vae.loss(x, noiseRng.child(b.index()), klWeight, objective);
                value[0] = loss.item();
                if (Double.isFinite(value[0])) {
                    loss.backward();
                }
                return value[0];
            });
            if (status == SviLoop.Status.APPLIED) {
                total += value[0];
                n += b.size();
            } else if (status == SviLoop.Status.STOPPED) {
                throw new IllegalStateException(stopMessage("VaeTrainer", loop, epoch, b.index(), update));
            }
        }
        parameters.zeroGrad();
        epochsDone = epoch;
        return -total / n;
    }

    /**
     * Why a training loop stopped on a non-finite step, naming the problem, epoch, batch and
     * update, and saying that the weights are those from before it (shared with the Spark trainer).
     */
    public static String stopMessage(String trainer, SviLoop loop, long epoch, long batch, long update) {
        return trainer + ": the " + loop.problem() + " in epoch " + epoch + ", batch " + batch + " (update "
                + update + ")" + (loop.rollbacks() == 0
                        ? "; the update was not applied, the weights are those from before it (try a smaller"
                                + " learning rate, or the rollback policy)"
                        : " after " + SviLoop.MAX_CONSECUTIVE_ROLLBACKS + " dropped steps in a row; the weights are"
                                + " those from before it");
    }

    /** The number of steps dropped under {@link NonFinitePolicy#ROLLBACK} so far. */
    public int rollbacks() {
        return loop.rollbacks();
    }

    /** The factor on the learning rate schedule: 1, halved at every dropped step. */
    public double learningRateScale() {
        return loop.learningRateScale();
    }

    /** The learning rate of the next update (the schedule's, times {@link #learningRateScale()}). */
    public double learningRate() {
        return loop.learningRate();
    }

    /** The number of completed epochs. */
    public long epochsDone() {
        return epochsDone;
    }

    public Vae vae() {
        return vae;
    }

    /**
     * A copy of the optimizer's state: kind "Adam", the update count and the moments as float64
     * buffers "exp_avg/&lt;weight&gt;", "exp_avg_sq/&lt;weight&gt;".
     */
    public OptimizerState optimizerState() {
        return adam.state(parameters);
    }

    /**
     * Puts back a saved point of a run: the optimizer's state and the number of completed epochs
     * (the weights are loaded into {@link #vae()} separately). A state with float32 moments (a
     * checkpoint written before the moments moved to double) is widened to double: the run goes on,
     * but not bit for bit as the float-moment run would have.
     *
     * @throws IllegalArgumentException naming the kind, buffer or size that does not match
     */
    public void restore(OptimizerState state, long completedEpochs) {
        if (completedEpochs < 0) {
            throw new IllegalArgumentException("VaeTrainer: completedEpochs must be >= 0, got " + completedEpochs);
        }
        adam.restore(state, parameters);
        epochsDone = completedEpochs;
    }
}
