package org.elbo4j.infer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.optim.LrSchedule;
import org.elbo4j.optim.Optimizer;
import org.elbo4j.optim.OptimizerState;
import org.elbo4j.tensor.Tensor;

/**
 * Stochastic variational inference: the step loop around an ELBO estimator (Hoffman et al. 2013;
 * Pyro's {@code SVI}). One {@link #step}: zero the gradients, estimate, check the loss, backward,
 * check the gradients, optimizer step.
 *
 * <p>The optimizer is built by a factory from the parameters and a learning-rate schedule that
 * this class scales by {@link #learningRateScale()} (1, halved at every rollback), so that the
 * rate can be lowered without rebuilding the optimizer. Steps are numbered from 0.
 */
public final class Svi {

    /** Rollbacks in a row after which {@link NonFinitePolicy#ROLLBACK} gives up. */
    public static final int MAX_CONSECUTIVE_ROLLBACKS = 20;

    private final Map<String, Tensor> params;
    private final Optimizer optimizer;
    private NonFinitePolicy policy = NonFinitePolicy.STOP;
    private double lrScale = 1.0;
    private long steps;
    private int rollbacks;
    private int consecutiveRollbacks;

    private Svi(Map<String, Tensor> params, LrSchedule schedule,
            BiFunction<Map<String, Tensor>, LrSchedule, Optimizer> optimizerFactory) {
        this.params = new LinkedHashMap<>(params);
        this.optimizer = optimizerFactory.apply(this.params, k -> lrScale * schedule.rate(k));
    }

    /**
     * SVI over {@code params} with the optimizer {@code factory.apply(params, scaledSchedule)}.
     *
     * @throws IllegalArgumentException if there are no parameters or an argument is null
     */
    public static Svi of(Map<String, Tensor> params, LrSchedule schedule,
            BiFunction<Map<String, Tensor>, LrSchedule, Optimizer> factory) {
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException("Svi: no parameters to optimize");
        }
        if (schedule == null || factory == null) {
            throw new IllegalArgumentException("Svi: schedule and optimizer factory must not be null");
        }
        return new Svi(params, schedule, factory);
    }

    /** SVI with {@link Adam} of the given settings. */
    public static Svi adam(Map<String, Tensor> params, AdamConfig config) {
        Objects.requireNonNull(config, "Svi: config must not be null");
        return of(params, config.schedule(), (p, s) -> Adam.of(p, config.withSchedule(s)));
    }

    /** Sets what happens on a non-finite loss or gradient (default {@link NonFinitePolicy#STOP}). */
    public Svi onNonFinite(NonFinitePolicy p) {
        this.policy = Objects.requireNonNull(p, "Svi: policy must not be null");
        return this;
    }

    /**
     * One step on the objective {@code rng -> estimator.estimate(model, guide, batch, rng)}.
     *
     * @return the estimate of this step (before the update)
     * @throws IllegalStateException on a non-finite loss or gradient under {@link NonFinitePolicy#STOP},
     *     or after {@link #MAX_CONSECUTIVE_ROLLBACKS} rollbacks in a row
     */
    public ElboResult step(Function<RandomGenerator, ElboResult> objective, RandomGenerator rng) {
        long index = steps++;
        Map<String, float[]> savedParams = policy == NonFinitePolicy.ROLLBACK ? copyParams() : null;
        OptimizerState savedState = policy == NonFinitePolicy.ROLLBACK ? optimizer.state() : null;
        optimizer.zeroGrad();
        ElboResult result = objective.apply(rng);
        double loss = result.loss().item();
        String problem = Double.isFinite(loss) ? null : "loss is " + loss;
        if (problem == null) {
            result.loss().backward();
            problem = nonFiniteGradient();
        }
        if (problem == null) {
            optimizer.step();
            problem = nonFiniteParameter();
        }
        if (problem == null) {
            consecutiveRollbacks = 0;
            return result;
        }
        if (policy == NonFinitePolicy.STOP) {
            throw new IllegalStateException("Svi: " + problem + " at step " + index);
        }
        if (++consecutiveRollbacks > MAX_CONSECUTIVE_ROLLBACKS) {
            throw new IllegalStateException("Svi: " + problem + " at step " + index + " after "
                    + MAX_CONSECUTIVE_ROLLBACKS + " rollbacks in a row");
        }
        savedParams.forEach((name, values) -> System.arraycopy(values, 0, params.get(name).data(), 0, values.length));
        optimizer.restore(savedState);
        optimizer.zeroGrad();
        lrScale *= 0.5;
        rollbacks++;
        return result;
    }

    /** The number of steps taken (including rolled-back ones). */
    public long steps() {
        return steps;
    }

    /** The number of rollbacks so far. */
    public int rollbacks() {
        return rollbacks;
    }

    /** The factor on the schedule's learning rate: 1 halved at every rollback. */
    public double learningRateScale() {
        return lrScale;
    }

    /** The learning rate the next update will use. */
    public double learningRate() {
        return optimizer.learningRate();
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }

    private Map<String, float[]> copyParams() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        params.forEach((name, t) -> copy.put(name, t.toFloatArray()));
        return copy;
    }

    private String nonFiniteGradient() {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            Tensor g = e.getValue().grad();
            if (g != null && !allFinite(g)) {
                return "gradient of '" + e.getKey() + "' is not finite";
            }
        }
        return null;
    }

    private String nonFiniteParameter() {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            if (!allFinite(e.getValue())) {
                return "parameter '" + e.getKey() + "' is not finite after the update";
            }
        }
        return null;
    }

    private static boolean allFinite(Tensor t) {
        for (float v : t.data()) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
