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
 * Optionally each gradient entry is first clamped to [−c, c], as Pyro's {@code ClippedAdam}: one
 * enormous gradient (a first draw far in a heavy tail) would otherwise inflate v for the ~1/(1 − β₂)
 * = 1000 steps it takes to decay, shrinking every later step of that coordinate.
 */
final class AdamUpdate {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double[] m;
    private final double[] v;
    private final double clip;
    private double learningRate;
    private long t;

    /** Adam with learning rate η; gradient entries clamped to [−clip, clip] (∞ for none). */
    AdamUpdate(int size, double learningRate, double clip) {
        this.m = new double[size];
        this.v = new double[size];
        this.learningRate = learningRate;
        this.clip = clip;
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
            double gi = Math.max(-clip, Math.min(clip, g[i]));
            m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
            v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
            lambda[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / bias2Sqrt + EPS);
        }
    }
}
