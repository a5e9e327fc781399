package org.elbo4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.kernel.Parallel;

/**
 * The update of {@link Adam} and {@link AdamW}, which differ only in how weight decay enters.
 *
 * <p>Update t = k + 1 with learning rate η = schedule.rate(k), for each parameter p with
 * gradient g, exactly as PyTorch's single-tensor implementation orders it:
 * <pre>
 *   AdamW only:  p ← p · (1 − η·λ)
 *   Adam only:   g ← g + λ·p
 *   m ← m + (1 − β₁)(g − m)            (= β₁·m + (1 − β₁)·g, PyTorch's lerp)
 *   v ← β₂·v + (1 − β₂)·g²
 *   p ← p − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * which is {@code p − η·m̂/(√v̂ + ε)} with the bias-corrected moments m̂ = m/(1 − β₁ᵗ),
 * v̂ = v/(1 − β₂ᵗ). Scalars are computed in double and rounded once to float; the elementwise
 * work is {@code AdamUpdate.stepFloat32} (the library's one Adam rule, float32 form) over chunks
 * of {@value #CHUNK} elements, run in parallel with
 * {@link Parallel} (elementwise, so the result does not depend on the thread count).
 */
final class AdamCore {

    /** Elements per parallel task. */
    static final int CHUNK = 1 << 15;

    private final String owner;
    private final Params params;
    private final AdamConfig config;
    private final boolean decoupled;
    private float[][] m;
    private float[][] v;
    private long step;
    private final int[] taskParam;
    private final int[] taskFrom;

    AdamCore(String owner, Map<String, Tensor> params, AdamConfig config, boolean decoupled) {
        if (config == null) {
            throw new IllegalArgumentException(owner + ": config must not be null");
        }
        this.owner = owner;
        this.params = Params.of(owner, params);
        this.config = config;
        this.decoupled = decoupled;
        this.m = this.params.zeroBuffers();
        this.v = this.params.zeroBuffers();
        int tasks = 0;
        for (Tensor t : this.params.tensors) {
            tasks += (t.size() + CHUNK - 1) / CHUNK;
        }
        taskParam = new int[tasks];
        taskFrom = new int[tasks];
        for (int i = 0, k = 0; i < this.params.size(); i++) {
            for (int from = 0; from < this.params.tensors[i].size(); from += CHUNK) {
                taskParam[k] = i;
                taskFrom[k++] = from;
            }
        }
    }

    AdamConfig config() {
        return config;
    }

    void step() {
        double lr = config.schedule().rate(step);
        long t = step + 1;
        double bc1 = 1.0 - Math.pow(config.beta1(), t);
        double bc2 = 1.0 - Math.pow(config.beta2(), t);
        float stepSize = (float) (lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        float w1 = (float) (1.0 - config.beta1());
        float b2 = (float) config.beta2();
        float w2 = (float) (1.0 - config.beta2());
        float eps = (float) config.eps();
        float l2 = decoupled ? 0f : (float) config.weightDecay();
        float decay = decoupled ? (float) (1.0 - lr * config.weightDecay()) : 1f;
        Parallel.forEachTask(taskParam.length, k -> {
            int i = taskParam[k];
            Tensor p = params.tensors[i];
            Tensor g = p.grad();
            if (g != null) {
                int from = taskFrom[k];
                int to = Math.min(from + CHUNK, p.size());
                AdamUpdate.stepFloat32(p.data(), g.data(), m[i], v[i], from, to, l2, decay, w1, b2, w2, stepSize,
                        bc2Sqrt, eps);
            }
        });
        step = t;
    }

    void zeroGrad() {
        params.zeroGrad();
    }

    long stepCount() {
        return step;
    }

    double learningRate() {
        return config.schedule().rate(step);
    }

    OptimizerState state(String kind) {
        Map<String, float[]> buffers = new LinkedHashMap<>();
        params.save(buffers, "exp_avg", m);
        params.save(buffers, "exp_avg_sq", v);
        return OptimizerState.of(kind, step, buffers);
    }

    void restore(String kind, OptimizerState state) {
        params.checkState(owner, state, kind, List.of("exp_avg", "exp_avg_sq"));
        float[][] newM = params.load(owner, state, "exp_avg", false);
        float[][] newV = params.load(owner, state, "exp_avg_sq", false);
        m = newM;
        v = newV;
        step = state.step();
    }
}
