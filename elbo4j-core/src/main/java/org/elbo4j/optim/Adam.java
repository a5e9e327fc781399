package org.elbo4j.optim;

import java.util.Map;
import org.elbo4j.tensor.Tensor;

/**
 * Adam (Kingma &amp; Ba, 2015, "Adam: A Method for Stochastic Optimization"), with
 * PyTorch's update rule and defaults ({@link AdamConfig#adam()}: lr 1e-3, betas (0.9, 0.999),
 * eps 1e-8). A weight decay λ, when set, is an L2 term: λ·p is added to the gradient before the
 * moments are updated (use {@link AdamW} for decoupled decay).
 *
 * <p>Update t = k + 1 with η = schedule.rate(k), for each parameter p with gradient g:
 * <pre>
 *   m ← β₁·m + (1 − β₁)·g
 *   v ← β₂·v + (1 − β₂)·g²
 *   p ← p − η · m̂ / (√v̂ + ε),   m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
 * </pre>
 * evaluated as {@link AdamUpdate}, the library's one Adam rule: moments in double, each float32
 * weight computed in double from {@code p − (η/(1 − β₁ᵗ))·m/(√v/√(1 − β₂ᵗ) + ε)} and rounded once
 * (so the last bits may differ from PyTorch's float32 arithmetic). The state holds the moments as
 * float64 buffers "exp_avg/&lt;name&gt;" and "exp_avg_sq/&lt;name&gt;" ({@link OptimizerState}); a
 * state saved with float32 moments is widened on restore.
 *
 * <p>Unlike PyTorch, which counts steps per parameter, one step count serves all parameters;
 * the two agree whenever every parameter has a gradient at every step.
 */
public final class Adam implements Optimizer {

    private final AdamCore core;

    private Adam(Map<String, Tensor> params, AdamConfig config) {
        this.core = new AdamCore("Adam", params, config, false);
    }

    /** Adam with PyTorch's defaults over the given named parameters (in their map order). */
    public static Adam of(Map<String, Tensor> params) {
        return new Adam(params, AdamConfig.adam());
    }

    /**
     * Adam with the given settings.
     *
     * @throws IllegalArgumentException if there are no parameters
     */
    public static Adam of(Map<String, Tensor> params, AdamConfig config) {
        return new Adam(params, config);
    }

    /** The settings. */
    public AdamConfig config() {
        return core.config();
    }

    @Override
    public void step() {
        core.step();
    }

    @Override
    public void zeroGrad() {
        core.zeroGrad();
    }

    @Override
    public long stepCount() {
        return core.stepCount();
    }

    @Override
    public double learningRate() {
        return core.learningRate();
    }

    @Override
    public OptimizerState state() {
        return core.state("Adam");
    }

    @Override
    public void restore(OptimizerState state) {
        core.restore("Adam", state);
    }
}
