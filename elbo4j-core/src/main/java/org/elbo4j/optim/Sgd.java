package org.elbo4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum, as PyTorch's {@code torch.optim.SGD}.
 * Update k with η = schedule.rate(k), for each parameter p with gradient g:
 * <pre>
 *   d ← g + λ·p
 *   b ← d                          on the parameter's first update (momentum μ &gt; 0)
 *   b ← μ·b + (1 − τ)·d            afterwards
 *   d ← d + μ·b  (Nesterov)   or   d ← b
 *   p ← p − η·d
 * </pre>
 * With μ = 0 it is {@code p ← p − η·(g + λ·p)}. Momentum buffers are "momentum_buffer/&lt;name&gt;"
 * in the {@link OptimizerState}.
 */
public final class Sgd implements Optimizer {

    private static final String KIND = "Sgd";
    private static final String BUFFER = "momentum_buffer";

    private final Params params;
    private final SgdConfig config;
    private float[][] buffers;
    private long step;

    private Sgd(Map<String, Tensor> params, SgdConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("Sgd: config must not be null");
        }
        this.params = Params.of(KIND, params);
        this.config = config;
        this.buffers = new float[this.params.size()][];
    }

    /** Plain SGD with a constant learning rate. */
    public static Sgd of(Map<String, Tensor> params, double lr) {
        return new Sgd(params, SgdConfig.of(lr));
    }

    /** SGD with the given settings. */
    public static Sgd of(Map<String, Tensor> params, SgdConfig config) {
        return new Sgd(params, config);
    }

    /** The settings. */
    public SgdConfig config() {
        return config;
    }

    @Override
    public void step() {
        float lr = (float) config.schedule().rate(step);
        float mu = (float) config.momentum();
        float keep = (float) (1.0 - config.dampening());
        float l2 = (float) config.weightDecay();
        boolean nesterov = config.nesterov();
        for (int i = 0; i < params.size(); i++) {
            Tensor t = params.tensors[i];
            if (t.grad() == null) {
                continue;
            }
            float[] p = t.data();
            float[] g = t.grad().data();
            if (mu == 0f) {
                for (int j = 0; j < p.length; j++) {
                    p[j] -= lr * (g[j] + l2 * p[j]);
                }
                continue;
            }
            float[] b = buffers[i];
            boolean first = b == null;
            if (first) {
                b = new float[p.length];
                buffers[i] = b;
            }
            for (int j = 0; j < p.length; j++) {
                float d = g[j] + l2 * p[j];
                float bj = first ? d : mu * b[j] + keep * d;
                b[j] = bj;
                p[j] -= lr * (nesterov ? d + mu * bj : bj);
            }
        }
        step++;
    }

    @Override
    public void zeroGrad() {
        params.zeroGrad();
    }

    @Override
    public long stepCount() {
        return step;
    }

    @Override
    public double learningRate() {
        return config.schedule().rate(step);
    }

    @Override
    public OptimizerState state() {
        Map<String, float[]> out = new LinkedHashMap<>();
        params.save(out, BUFFER, buffers);
        return OptimizerState.of(KIND, step, out);
    }

    @Override
    public void restore(OptimizerState state) {
        params.checkState(KIND, state, KIND, List.of(BUFFER));
        float[][] loaded = params.load(KIND, state, BUFFER, true);
        buffers = loaded;
        step = state.step();
    }
}
