package org.elbo4j.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.tensor.kernel.MixedAdam;
import org.elbo4j.tensor.kernel.Parallel;

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
 * <p>An optional weight decay λ ({@link #withWeightDecay}), as PyTorch's Adam and AdamW place it:
 * L2 adds λ·λ_i to the (clipped) gradient, {@code g ← g + λ·x}; decoupled decay (AdamW,
 * Loshchilov &amp; Hutter 2019) first shrinks the parameters, {@code x ← x·(1 − η·λ)}, and leaves
 * the gradient alone. Both skip a tensor block without a gradient.
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
 * This is the one Adam of the library. As a {@link FlatRule} it updates {@link DoubleParameters}
 * (the {@code bayes} fits, the MAP/Laplace mode search, {@code dist.mle.GradientMle}) and
 * {@link TensorParameters} (the VAE and {@code infer.Svi}, through {@code infer.SviLoop}): float32
 * weights, double moments, each weight computed in double and rounded once, elementwise in
 * parallel (so the result does not depend on the thread count). Its state as named double
 * buffers ({@link #state}, {@link #restore}) lets a resumed run equal an uninterrupted one bit for
 * bit. The tensor optimizers {@link Adam} and {@link AdamW} are adapters over it (with their weight
 * decay) for the tensor API.
 *
 * <p>A step allocates nothing.
 */
public final class AdamUpdate implements FlatRule {

    /** The kind of the {@link OptimizerState} of {@link #state}: Adam with float64 moments. */
    public static final String STATE_KIND = "Adam";

    private final double[] m;
    private final double[] v;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private double clamp = Double.POSITIVE_INFINITY;
    private double maxNorm = Double.POSITIVE_INFINITY;
    private double weightDecay;
    private boolean decoupled;
    /** Per tensor block, g + λ·x in float32 (L2 decay on tensor parameters only). */
    private float[][] l2Gradients;
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

    /**
     * This update with weight decay λ: decoupled ({@code x ← x·(1 − η·λ)} before each step, AdamW)
     * or L2 ({@code g ← g + λ·x}, Adam's weight_decay). Returns this.
     *
     * @throws IllegalArgumentException if λ is not finite and &gt;= 0
     */
    public AdamUpdate withWeightDecay(double lambda, boolean decoupledDecay) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("AdamUpdate: weightDecay must be finite and >= 0, got " + lambda);
        }
        this.weightDecay = lambda;
        this.decoupled = decoupledDecay;
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
    @Override
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
        double l2 = decoupled ? 0 : weightDecay;
        double shrink = decoupled ? 1 - learningRate * weightDecay : 1;
        for (int i = 0; i < params.length; i++) {
            params[i] *= shrink;
            double gi = Math.max(-clamp, Math.min(clamp, g[i] * scale)) + l2 * params[i];
            m[i] = beta1 * m[i] + w1 * gi;
            v[i] = beta2 * v[i] + w2 * gi * gi;
            params[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / bias2Sqrt + eps);
        }
    }

    /**
     * One step of {@code params} against the gradient it holds, with η = {@code learningRate}
     * (which stays the rate of the following steps).
     *
     * @throws IllegalArgumentException if the view's size differs from {@link #size()} or η is not
     *                                  finite and &gt;= 0
     */
    @Override
    public void step(FlatParameters params, double rate) {
        setLearningRate(rate);
        if (params instanceof DoubleParameters d) {
            step(d.values(), d.gradient());
            return;
        }
        TensorParameters p = (TensorParameters) params;
        checkSize(p);
        t++;
        double stepSize = learningRate / (1 - Math.pow(beta1, t));
        double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double scale = normScale(p);
        if (weightDecay != 0 && !decoupled && l2Gradients == null) {
            l2Gradients = new float[p.blocks()][];
            for (int b = 0; b < p.blocks(); b++) {
                l2Gradients[b] = new float[p.values(b).length];
            }
        }
        float shrink = (float) (1 - learningRate * weightDecay);
        float l2 = (float) weightDecay;
        Parallel.forEachTask(p.tasks(), k -> {
            int b = p.taskBlock(k);
            float[] g = p.gradient(b);
            if (g != null) {
                float[] x = p.values(b);
                int from = p.taskFrom(k);
                int to = Math.min(from + TensorParameters.CHUNK, x.length);
                if (weightDecay != 0) {
                    g = decay(x, g, b, from, to, shrink, l2);
                }
                MixedAdam.step(x, g, m, v, p.offset(b), from, to, scale, clamp, beta1, beta2, stepSize, bias2Sqrt, eps);
            }
        });
    }

    /**
     * Weight decay on elements [from, to) of a float32 block, in PyTorch's float32 arithmetic:
     * decoupled, {@code x ← x·shrink} in place (and g as it is); L2, {@code g + l2·x} into the
     * block's buffer, which is returned as the gradient to use.
     */
    private float[] decay(float[] x, float[] g, int b, int from, int to, float shrink, float l2) {
        if (decoupled) {
            for (int j = from; j < to; j++) {
                x[j] *= shrink;
            }
            return g;
        }
        float[] out = l2Gradients[b];
        for (int j = from; j < to; j++) {
            out[j] = g[j] + l2 * x[j];
        }
        return out;
    }

    /** The clip factor of {@link #normScale(double[])} over every block's gradient. */
    private double normScale(TensorParameters p) {
        if (maxNorm == Double.POSITIVE_INFINITY) {
            return 1;
        }
        double sum = 0;
        for (int b = 0; b < p.blocks(); b++) {
            float[] g = p.gradient(b);
            for (int j = 0; g != null && j < g.length; j++) {
                sum += (double) g[j] * g[j];
            }
        }
        double norm = Math.sqrt(sum);
        double scale = maxNorm / (norm + GradClip.NORM_EPS);
        return Double.isFinite(norm) && scale < 1 ? scale : 1;
    }

    /**
     * The moments and step count as an {@link OptimizerState} of kind {@value #STATE_KIND} with
     * double buffers "exp_avg/&lt;name&gt;" and "exp_avg_sq/&lt;name&gt;", one per block of {@code params}.
     *
     * @throws IllegalArgumentException if the view's size differs from {@link #size()}
     */
    public OptimizerState state(TensorParameters params) {
        return state(params, STATE_KIND);
    }

    /** {@link #state(TensorParameters)} under another kind (the tensor {@link AdamW}'s "AdamW"). */
    OptimizerState state(TensorParameters params, String kind) {
        checkSize(params);
        Map<String, double[]> buffers = new LinkedHashMap<>();
        for (String buffer : new String[] {"exp_avg", "exp_avg_sq"}) {
            double[] all = buffer.equals("exp_avg") ? m : v;
            for (int b = 0; b < params.blocks(); b++) {
                int from = params.offset(b);
                buffers.put(buffer + "/" + params.name(b), Arrays.copyOfRange(all, from, from + params.values(b).length));
            }
        }
        return OptimizerState.ofDoubles(kind, t, buffers);
    }

    /**
     * Puts back a state saved by {@link #state} over parameters of the same names and sizes. A state
     * with float32 buffers (saved by the tensor {@link Adam}, as VAE checkpoints were before their
     * moments moved to double) is widened exactly to double.
     *
     * @throws IllegalArgumentException naming the kind, buffer or size that does not match
     */
    public void restore(OptimizerState state, TensorParameters params) {
        restore(state, params, STATE_KIND);
    }

    /** {@link #restore(OptimizerState, TensorParameters)} of a state of another kind. */
    void restore(OptimizerState state, TensorParameters params, String expectedKind) {
        checkSize(params);
        if (!expectedKind.equals(state.kind())) {
            throw new IllegalArgumentException("AdamUpdate: cannot restore a " + state.kind() + " optimizer state");
        }
        double[] newM = new double[m.length];
        double[] newV = new double[v.length];
        for (String kind : new String[] {"exp_avg", "exp_avg_sq"}) {
            for (int b = 0; b < params.blocks(); b++) {
                String key = kind + "/" + params.name(b);
                double[] saved = state.widened(key);
                int n = params.values(b).length;
                if (saved.length != n) {
                    throw new IllegalArgumentException("AdamUpdate: state buffer '" + key + "' has " + saved.length
                            + " values, the parameter " + n);
                }
                System.arraycopy(saved, 0, kind.equals("exp_avg") ? newM : newV, params.offset(b), n);
            }
        }
        System.arraycopy(newM, 0, m, 0, m.length);
        System.arraycopy(newV, 0, v, 0, v.length);
        t = state.step();
    }

    private void checkSize(TensorParameters params) {
        if (params.size() != m.length) {
            throw new IllegalArgumentException("AdamUpdate: parameters have " + params.size() + " coordinates, the update "
                    + m.length);
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

    private static void checkRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("AdamUpdate: learningRate must be finite and >= 0, got " + lr);
        }
    }
}
