package org.elbo4j.optim;

import java.util.List;
import java.util.Map;
import org.elbo4j.tensor.Tensor;

/**
 * {@link Adam} and {@link AdamW} on the library's one Adam rule: an {@link AdamUpdate} (float64
 * moments, each float32 weight computed in double and rounded once) over the
 * {@link TensorParameters} view of the named tensors, with the learning rate of the config's
 * schedule at each step and the weight decay λ of the config:
 * <pre>
 *   AdamW:  p ← p · (1 − η·λ), then the Adam step        (decoupled, Loshchilov &amp; Hutter 2019)
 *   Adam:   g ← g + λ·p inside the step                    (L2, PyTorch's weight_decay)
 * </pre>
 * The state is the update's: float64 buffers "exp_avg/&lt;name&gt;" and "exp_avg_sq/&lt;name&gt;" of
 * kind "Adam" or "AdamW"; a state saved with float32 moments (before the moments moved to double)
 * is widened exactly on restore.
 */
final class AdamCore {

    private final String owner;
    private final Params params;
    private final TensorParameters view;
    private final AdamConfig config;
    private final AdamUpdate update;

    AdamCore(String owner, Map<String, Tensor> params, AdamConfig config, boolean decoupled) {
        if (config == null) {
            throw new IllegalArgumentException(owner + ": config must not be null");
        }
        this.owner = owner;
        this.params = Params.of(owner, params);
        this.view = TensorParameters.of(params);
        this.config = config;
        this.update = AdamUpdate.of(view.size(), config.schedule().rate(0), config.beta1(),
                config.beta2(), config.eps()).withWeightDecay(config.weightDecay(), decoupled);
    }

    AdamConfig config() {
        return config;
    }

    void step() {
        update.step(view, config.schedule().rate(update.stepCount()));
    }

    void zeroGrad() {
        params.zeroGrad();
    }

    long stepCount() {
        return update.stepCount();
    }

    double learningRate() {
        return config.schedule().rate(update.stepCount());
    }

    OptimizerState state(String kind) {
        return update.state(view, kind);
    }

    void restore(String kind, OptimizerState state) {
        List<String> buffers = List.of("exp_avg", "exp_avg_sq");
        params.checkState(owner, state, kind, buffers);
        for (String b : buffers) {
            params.checkSizes(owner, state, b);
        }
        update.restore(state, view, kind);
    }
}
