package org.elbo4j.bayes;

/**
 * Adam on a flat double parameter vector, PyTorch's rule with β = (0.9, 0.999), ε = 1e−8, for a
 * loss gradient g at step t = 1, 2, …:
 * <pre>
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²,
 *   λ ← λ − η (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε).
 * </pre>
 * The same update as {@link org.elbo4j.optim.Adam}, without tensors: the variational
 * parameters of a fit live in one double vector. η can change between steps (the moments stay).
 */
final class AdamUpdate {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double[] m;
    private final double[] v;
    private double learningRate;
    private long t;

    AdamUpdate(int size, double learningRate) {
        this.m = new double[size];
        this.v = new double[size];
        this.learningRate = learningRate;
    }

    void setLearningRate(double lr) {
        this.learningRate = lr;
    }

    /** One step of λ against the loss gradient {@code g}. */
    void step(double[] lambda, double[] g) {
        t++;
        double bias1 = 1 - Math.pow(BETA1, t);
        double bias2Sqrt = Math.sqrt(1 - Math.pow(BETA2, t));
        double stepSize = learningRate / bias1;
        for (int i = 0; i < lambda.length; i++) {
            m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
            v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
            lambda[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / bias2Sqrt + EPS);
        }
    }
}
