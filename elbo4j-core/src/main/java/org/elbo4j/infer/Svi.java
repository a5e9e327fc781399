package org.elbo4j.infer;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.optim.AdamUpdate;
import org.elbo4j.optim.FlatParameters;
import org.elbo4j.optim.TensorParameters;
import org.elbo4j.tensor.Tensor;

/**
 * Stochastic variational inference over tensor parameters (Hoffman et al. 2013; Pyro's
 * {@code SVI}): an ELBO estimator ({@link ElboEstimator}) driven by the library's {@link SviLoop}
 * with {@link AdamUpdate} (double moments). One {@link #step}: zero the gradients, estimate,
 * backward, check the loss and gradients, update; a non-finite step is handled by the
 * {@link NonFinitePolicy} before anything changes. Steps are numbered from 0.
 */
public final class Svi {

    /** Rollbacks in a row after which {@link NonFinitePolicy#ROLLBACK} gives up. */
    public static final int MAX_CONSECUTIVE_ROLLBACKS = SviLoop.MAX_CONSECUTIVE_ROLLBACKS;

    private final TensorParameters params;
    private final AdamUpdate adam;
    private final SviLoop loop;

    private Svi(TensorParameters params, AdamUpdate adam, AdamConfig config) {
        this.params = params;
        this.adam = adam;
        this.loop = SviLoop.of(params, adam, config.schedule());
    }

    /**
     * SVI over {@code params} with Adam of the given settings (β, ε and the learning-rate schedule;
     * no weight decay), clipping the gradient to global norm {@code maxNorm} (∞ for none).
     *
     * @throws IllegalArgumentException if there are no parameters, an argument is null, the weight
     *                                  decay is not 0 or maxNorm is not &gt; 0
     */
    public static Svi adam(Map<String, Tensor> params, AdamConfig config, double maxNorm) {
        Objects.requireNonNull(config, "Svi: config must not be null");
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException("Svi: no parameters to optimize");
        }
        if (config.weightDecay() != 0) {
            throw new IllegalArgumentException("Svi: weight decay must be 0, got " + config.weightDecay());
        }
        TensorParameters view = FlatParameters.ofTensors(params);
        AdamUpdate adam = AdamUpdate.of(view.size(), config.schedule().rate(0), config.beta1(), config.beta2(),
                config.eps());
        if (maxNorm != Double.POSITIVE_INFINITY) {
            adam.withMaxNorm(maxNorm);
        }
        return new Svi(view, adam, config);
    }

    /** SVI with Adam of the given settings, no clipping. */
    public static Svi adam(Map<String, Tensor> params, AdamConfig config) {
        return adam(params, config, Double.POSITIVE_INFINITY);
    }

    /** Sets what happens on a non-finite loss or gradient (default {@link NonFinitePolicy#STOP}). */
    public Svi onNonFinite(NonFinitePolicy p) {
        loop.onNonFinite(Objects.requireNonNull(p, "Svi: policy must not be null"));
        return this;
    }

    /**
     * One step on the objective {@code rng -> estimator.estimate(model, guide, batch, rng)}.
     *
     * @return the estimate of this step (before the update)
     * @throws IllegalStateException on a non-finite loss or gradient under {@link NonFinitePolicy#STOP}
     *     (the update not applied), or after {@link #MAX_CONSECUTIVE_ROLLBACKS} rollbacks in a row
     */
    public ElboResult step(Function<RandomGenerator, ElboResult> objective, RandomGenerator rng) {
        ElboResult[] result = new ElboResult[1];
        SviLoop.Status status = loop.step(k -> {
            params.zeroGrad();
            result[0] = objective.apply(rng);
            double loss = result[0].loss().item();
            if (Double.isFinite(loss)) {
                result[0].loss().backward();
            }
            return loss;
        });
        if (status == SviLoop.Status.STOPPED) {
            String where = loop.problem() + " at step " + loop.problemStep();
            throw new IllegalStateException("Svi: " + where + (loop.rollbacks() == 0 ? ""
                    : " after " + MAX_CONSECUTIVE_ROLLBACKS + " rollbacks in a row"));
        }
        return result[0];
    }

    /** The number of steps taken (including dropped ones). */
    public long steps() {
        return loop.steps();
    }

    /** The number of updates applied. */
    public long updates() {
        return adam.stepCount();
    }

    /** The number of rollbacks so far. */
    public int rollbacks() {
        return loop.rollbacks();
    }

    /** The factor on the schedule's learning rate: 1 halved at every rollback. */
    public double learningRateScale() {
        return loop.learningRateScale();
    }

    /** The learning rate the next update will use. */
    public double learningRate() {
        return loop.learningRate();
    }
}
