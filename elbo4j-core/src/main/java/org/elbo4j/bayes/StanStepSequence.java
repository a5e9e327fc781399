package org.elbo4j.bayes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elbo4j.tensor.Tensor;

/**
 * Stan's ADVI step-size sequence (Kucukelbir et al. 2017, §3.3, eq. 10), as a gradient-descent
 * update of the loss −ELBO: at iteration k = 1, 2, …
 * <pre>
 *   s_k = α g_k² + (1 − α) s_{k−1}     (s_1 = g_1²),  α = 0.1
 *   ρ_k = η · k^(−1/2 + ε) / (τ + √s_k),  τ = 1, ε = 1e−16
 *   λ ← λ − ρ_k ⊙ g_k
 * </pre>
 * elementwise per variational parameter. η is chosen outside (see {@link OptimizerKind#STAN_ADAPTIVE}).
 */
final class StanStepSequence {

    /** The candidate η of Stan's adaptation, tried in this order. */
    static final double[] ETA_CANDIDATES = {100, 10, 1, 0.1, 0.01};
    private static final double ALPHA = 0.1;
    private static final double TAU = 1.0;
    private static final double EPSILON = 1e-16;

    private final List<Tensor> params;
    private final List<double[]> squares = new ArrayList<>();
    private final double eta;
    private long iteration;

    StanStepSequence(Map<String, Tensor> params, double eta) {
        this.params = new ArrayList<>(params.values());
        this.eta = eta;
        for (Tensor p : this.params) {
            squares.add(new double[p.size()]);
        }
    }

    void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    void step() {
        iteration++;
        double decay = Math.pow(iteration, -0.5 + EPSILON);
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            Tensor grad = p.grad();
            if (grad == null) {
                continue;
            }
            float[] g = grad.data();
            float[] v = p.data();
            double[] s = squares.get(i);
            for (int j = 0; j < v.length; j++) {
                double g2 = (double) g[j] * g[j];
                s[j] = iteration == 1 ? g2 : ALPHA * g2 + (1 - ALPHA) * s[j];
                v[j] -= (float) (eta * decay / (TAU + Math.sqrt(s[j])) * g[j]);
            }
        }
    }
}
