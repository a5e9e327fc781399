package org.elbo4j.optim;

import java.util.Arrays;

/**
 * The Adam update (Kingma &amp; Ba, 2015), PyTorch's rule, on a flat double parameter vector with
 * its moments held in double: for the loss gradient g at step t = 1, 2, …
 * <pre>
 *   g ← clip(g)                                  (optional, see below)
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²,
 *   λ ← λ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * which is {@code λ − η m̂ / (√v̂ + ε)} with the bias-corrected moments m̂ = m/(1 − β₁ᵗ),
 * v̂ = v/(1 − β₂ᵗ). η may change between steps (the moments stay: a step-size policy sets it with
 * {@link #setLearningRate}); {@link #reset} forgets the moments and restarts t.
 *
 * <p>Two optional clippings of the gradient, applied before the moments are updated:
 * <ul>
 *   <li>an elementwise clamp to [−c, c], as Pyro's {@code ClippedAdam} ({@link #withClamp}): one
 *       enormous gradient entry (a first draw far in a heavy tail) would otherwise inflate v for
 *       the ~1/(1 − β₂) = 1000 steps it takes to decay, shrinking every later step of that
 *       coordinate;</li>
 *   <li>a global norm clip as PyTorch's {@code clip_grad_norm_} ({@link #withMaxNorm}): with
 *       N = ‖g‖₂, g is multiplied by {@code maxNorm / (N + 1e−6)} when that is below 1.</li>
 * </ul>
 * This is the one Adam of the library: the double-vector fits ({@code bayes}, the MAP/Laplace
 * mode search, {@code dist.mle.GradientMle}) use {@link #step(double[], double[])}; the tensor
 * optimizers {@link Adam} and {@link AdamW} are adapters that run the float32 form of the same
 * update (the package-private {@code stepFloat32} kernel) over their float parameters. Their
 * moments stay float32 because their {@link OptimizerState} (and the VAE checkpoints written from
 * it) holds float arrays, and a resumed run must equal an uninterrupted one bit for bit.
 *
 * <p>A step allocates nothing.
 */
public final class AdamUpdate {

    private final double[] m;
    private final double[] v;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private double clamp = Double.POSITIVE_INFINITY;
    private double maxNorm = Double.POSITIVE_INFINITY;
    private double learningRate;
    private long t;

    private AdamUpdate(int size, double learningRate, double beta1, double beta2, double eps) {
        this.m = new double[size];
        this.v = new double[size];
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /**
     * Adam over {@code size} parameters with learning rate η and PyTorch's β = (0.9, 0.999),
     * ε = 1e−8.
     *
     * @throws IllegalArgumentException if size &lt; 1 or η is not finite and &gt;= 0
     */
    public static AdamUpdate of(int size, double learningRate) {
        return of(size, learningRate, AdamConfig.DEFAULT_BETA1, AdamConfig.DEFAULT_BETA2, AdamConfig.DEFAULT_EPS);
    }

    /**
     * Adam over {@code size} parameters with learning rate η, β₁, β₂ in [0, 1) and ε &gt; 0.
     *
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public static AdamUpdate of(int size, double learningRate, double beta1, double beta2, double eps) {
        if (size < 1) {
            throw new IllegalArgumentException("AdamUpdate: size must be >= 1, got " + size);
        }
        checkRate(learningRate);
        // the record validates β₁, β₂ and ε with the messages of the tensor optimizers
        new AdamConfig(LrSchedule.constant(learningRate), beta1, beta2, eps, 0);
        return new AdamUpdate(size, learningRate, beta1, beta2, eps);
    }

    /**
     * This update with every gradient entry clamped to [−c, c] first (Pyro's {@code ClippedAdam};
     * ∞ for none). Returns this.
     *
     * @throws IllegalArgumentException if c is not &gt; 0
     */
    public AdamUpdate withClamp(double c) {
        if (!(c > 0)) {
            throw new IllegalArgumentException("AdamUpdate: clamp must be > 0, got " + c);
        }
        this.clamp = c;
        return this;
    }

    /**
     * This update with the gradient scaled to global norm at most {@code maxNorm} first (PyTorch's
     * {@code clip_grad_norm_}, {@link GradClip#NORM_EPS} included; ∞ for none). Returns this.
     *
     * @throws IllegalArgumentException if maxNorm is not &gt; 0
     */
    public AdamUpdate withMaxNorm(double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("AdamUpdate: maxNorm must be > 0, got " + maxNorm);
        }
        this.maxNorm = maxNorm;
        return this;
    }

    /** The number of parameters. */
    public int size() {
        return m.length;
    }

    /** η of the next step. */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Sets η for the following steps (the moments stay).
     *
     * @throws IllegalArgumentException if η is not finite and &gt;= 0
     */
    public void setLearningRate(double lr) {
        checkRate(lr);
        this.learningRate = lr;
    }

    /** The number of steps taken since the start or the last {@link #reset}. */
    public long stepCount() {
        return t;
    }

    /** Forgets the moments and restarts the step count (the bias correction starts over). */
    public void reset() {
        Arrays.fill(m, 0);
        Arrays.fill(v, 0);
        t = 0;
    }

    /**
     * One step of {@code params} against the loss gradient {@code g} (both of length
     * {@link #size()}); g is read, not changed.
     *
     * @throws IllegalArgumentException if a length differs from {@link #size()}
     */
    public void step(double[] params, double[] g) {
        if (params.length != m.length || g.length != m.length) {
            throw new IllegalArgumentException("AdamUpdate: params and gradient must have length " + m.length
                    + ", got " + params.length + " and " + g.length);
        }
        t++;
        double stepSize = learningRate / (1 - Math.pow(beta1, t));
        double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double scale = normScale(g);
        double w1 = 1 - beta1;
        double w2 = 1 - beta2;
        for (int i = 0; i < params.length; i++) {
            double gi = Math.max(-clamp, Math.min(clamp, g[i] * scale));
            m[i] = beta1 * m[i] + w1 * gi;
            v[i] = beta2 * v[i] + w2 * gi * gi;
            params[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / bias2Sqrt + eps);
        }
    }

    /** {@code maxNorm / (‖g‖ + 1e−6)} when that is below 1 and the norm is finite, else 1. */
    private double normScale(double[] g) {
        if (maxNorm == Double.POSITIVE_INFINITY) {
            return 1;
        }
        double sum = 0;
        for (double x : g) {
            sum += x * x;
        }
        double norm = Math.sqrt(sum);
        double scale = maxNorm / (norm + GradClip.NORM_EPS);
        return Double.isFinite(norm) && scale < 1 ? scale : 1;
    }

    /**
     * The float32 form of the same update on elements {@code [from, to)}, with float moments, in
     * PyTorch's order: {@code m ← m + (1 − β₁)(g − m)} (lerp), {@code v ← β₂ v + (1 − β₂) g²},
     * {@code p ← p·decay − stepSize · m / (√v / bc2Sqrt + ε)}, where {@code stepSize = η/(1 − β₁ᵗ)}
     * and {@code bc2Sqrt = √(1 − β₂ᵗ)} are computed in double and rounded once. With
     * {@code l2 ≠ 0} the gradient is {@code g + l2·p} (Adam's L2 weight decay) and decay is 1;
     * AdamW passes l2 = 0 and {@code decay = 1 − η·λ}.
     */
    static void stepFloat32(float[] p, float[] g, float[] m, float[] v, int from, int to, float l2,
            float decay, float w1, float b2, float w2, float stepSize, float bc2Sqrt, float eps) {
        if (l2 != 0f) {
            for (int j = from; j < to; j++) {
                float gj = g[j] + l2 * p[j];
                float mj = m[j] + w1 * (gj - m[j]);
                float vj = b2 * v[j] + w2 * gj * gj;
                m[j] = mj;
                v[j] = vj;
                p[j] -= stepSize * (mj / ((float) Math.sqrt(vj) / bc2Sqrt + eps));
            }
        } else {
            for (int j = from; j < to; j++) {
                float gj = g[j];
                float mj = m[j] + w1 * (gj - m[j]);
                float vj = b2 * v[j] + w2 * gj * gj;
                m[j] = mj;
                v[j] = vj;
                p[j] = p[j] * decay - stepSize * (mj / ((float) Math.sqrt(vj) / bc2Sqrt + eps));
            }
        }
    }

    private static void checkRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("AdamUpdate: learningRate must be finite and >= 0, got " + lr);
        }
    }
}
