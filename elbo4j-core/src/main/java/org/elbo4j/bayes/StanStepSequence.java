package org.elbo4j.bayes;

/**
 * Stan's ADVI step-size sequence (Kucukelbir et al. 2017, §3.3, eq. 10), as a gradient-descent
 * update of the loss −ELBO on the flat variational parameter vector λ: at iteration k = 1, 2, …
 * <pre>
 *   s_k = α g_k² + (1 − α) s_{k−1}     (s_1 = g_1²),  α = 0.1
 *   ρ_k = η · k^(−1/2 + ε) / (τ + √s_k),  τ = 1, ε = 1e−16
 *   λ ← λ − ρ_k ⊙ g_k
 * </pre>
 * elementwise. η is chosen outside (see {@link OptimizerKind#STAN_ADAPTIVE}).
 */
final class StanStepSequence {

    /** The candidate η of Stan's adaptation, tried in this order. */
    static final double[] ETA_CANDIDATES = {100, 10, 1, 0.1, 0.01};
    private static final double ALPHA = 0.1;
    private static final double TAU = 1.0;
    private static final double EPSILON = 1e-16;

    private final double[] squares;
    private final double eta;
    private long iteration;

    StanStepSequence(int size, double eta) {
        this.squares = new double[size];
        this.eta = eta;
    }

    /** One step of λ against the loss gradient {@code g}. */
    void step(double[] lambda, double[] g) {
        iteration++;
        double decay = Math.pow(iteration, -0.5 + EPSILON);
        for (int j = 0; j < lambda.length; j++) {
            double g2 = g[j] * g[j];
            squares[j] = iteration == 1 ? g2 : ALPHA * g2 + (1 - ALPHA) * squares[j];
            lambda[j] -= eta * decay / (TAU + Math.sqrt(squares[j])) * g[j];
        }
    }
}
