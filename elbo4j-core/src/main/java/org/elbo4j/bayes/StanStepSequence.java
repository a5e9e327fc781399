package org.elbo4j.bayes;

import org.elbo4j.optim.LrSchedule;
import org.elbo4j.optim.StepSizePolicy;

/**
 * Stan's ADVI step-size sequence (Kucukelbir et al. 2017, §3.3, eq. 10), as a gradient-descent
 * update of the loss −ELBO on the flat variational parameter vector λ: at iteration k = 1, 2, …
 * <pre>
 *   s_k = α g_k² + (1 − α) s_{k−1}     (s_1 = g_1²),  α = 0.1
 *   ρ_k = η · k^(−1/2 + ε) / (τ + √s_k),  τ = 1, ε = 1e−16
 *   λ ← λ − ρ_k ⊙ g_k
 * </pre>
 * elementwise. The scalar {@code η · k^(−1/2 + ε)} is the step-size policy
 * {@link LrSchedule#stanDecay}; η is chosen outside among {@link StepSizePolicy#stanEtaCandidates()}
 * (see {@link OptimizerKind#STAN_ADAPTIVE}).
 */
final class StanStepSequence {

    /** The candidate η of Stan's adaptation, tried in this order. */
    static final double[] ETA_CANDIDATES = StepSizePolicy.stanEtaCandidates();
    private static final double ALPHA = 0.1;
    private static final double TAU = 1.0;

    private final double[] squares;
    private final StepSizePolicy policy;
    private long iteration;

    StanStepSequence(int size, double eta) {
        this.squares = new double[size];
        this.policy = LrSchedule.stanDecay(eta);
    }

    /** One step of λ against the loss gradient {@code g}. */
    void step(double[] lambda, double[] g) {
        double rate = policy.rate(iteration);
        iteration++;
        for (int j = 0; j < lambda.length; j++) {
            double g2 = g[j] * g[j];
            squares[j] = iteration == 1 ? g2 : ALPHA * g2 + (1 - ALPHA) * squares[j];
            lambda[j] -= rate / (TAU + Math.sqrt(squares[j])) * g[j];
        }
    }
}
