package org.elbo4j.bayes;

import java.util.Arrays;

/**
 * A normalizing-flow guide over u ∈ ℝᵈ: a fixed Gaussian N(m, L Lᵀ) (L lower triangular, the
 * fitted full-rank guide it starts from) whose whitened coordinates pass through K masked affine
 * autoregressive layers ({@link AffineAutoregressiveLayer}, alternately in the identity and the
 * reversed order), each preceded, in a skewed flow, by an elementwise sinh–arcsinh layer
 * ({@link SinhArcsinhLayer}), with parameters θ; the J = K or 2K layers in their order T_1 … T_J:
 * <pre>
 *   ε ~ N(0, I),   x₀ = ε,   x_j = T_j(x_{j−1}),   u = m + L x_J,
 *   log q(u) = −½ ||ε||² − (d/2) log 2π − Σ_i log L_ii − Σ_j log |det ∂T_j/∂x_{j−1}|
 * </pre>
 * (change of variables; Rezende &amp; Mohamed 2015, "Variational inference with normalizing
 * flows"; Kingma et al. 2016). θ = 0 is the identity, so the guide starts as the Gaussian. The
 * ELBO {@code E_ε[ℓ(u) − log q(u)]} has no closed-form entropy; its reparameterization gradient is
 * {@code E_ε[∇_θ (ℓ(u(θ, ε)) + Σ_j log |det ∂T_j/∂x|)]}, which {@link #pullBack} writes for the last
 * draw. Mutable (θ is {@link #params()}, live); not thread-safe.
 */
public final class FlowGuide {

    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);
    /** A flow parameter beyond this, or not finite, counts as a blow-up. */
    static final double MAX_ABS_PARAM = 1e6;

    private final UnconstrainedGaussian base;
    private final double[] mean;
    private final double[][] lower;
    private final double logDetLower;
    private final double[] theta;
    private final int affineLayers;
    private final boolean skew;
    private final boolean softplus;
    private final FlowLayer[] layers;
    private final double[][] xs;
    private final double[] ga;
    private final double[] gb;

    private FlowGuide(UnconstrainedGaussian base, double[][] lower, double[] theta, int affineLayers, boolean skew,
            boolean softplus) {
        int d = base.dim();
        this.base = base;
        this.mean = base.mean();
        this.lower = lower;
        double ld = 0;
        for (int i = 0; i < d; i++) {
            ld += Math.log(lower[i][i]);
        }
        this.logDetLower = ld;
        this.theta = theta;
        this.affineLayers = affineLayers;
        this.skew = skew;
        this.softplus = softplus;
        this.layers = new FlowLayer[skew ? 2 * affineLayers : affineLayers];
        int offset = 0;
        int j = 0;
        for (int k = 0; k < affineLayers; k++) {
            if (skew) {
                layers[j++] = new SinhArcsinhLayer(d, offset);
                offset += SinhArcsinhLayer.parameterCount(d);
            }
            layers[j++] = new AffineAutoregressiveLayer(d, k % 2 == 1, offset, softplus);
            offset += AffineAutoregressiveLayer.parameterCount(d, softplus);
        }
        this.xs = new double[layers.length + 1][d];
        this.ga = new double[d];
        this.gb = new double[d];
    }

    /**
     * The flow of {@code layers} identity layers on the Gaussian {@code base}: q equals the base.
     *
     * @throws IllegalArgumentException if layers &lt; 1, or the base covariance is not positive
     *     definite (a point mass)
     */
    public static FlowGuide of(UnconstrainedGaussian base, int layers) {
        return of(base, layers, false, false);
    }

    /**
     * The flow of {@code layers} identity affine layers on the Gaussian {@code base}, each preceded by
     * an identity sinh–arcsinh layer when {@code skew}, their conditioners reading softplus features
     * too when {@code softplus} ({@link AffineAutoregressiveLayer}): q equals the base.
     *
     * @throws IllegalArgumentException if layers &lt; 1, or the base covariance is not positive
     *     definite (a point mass)
     */
    public static FlowGuide of(UnconstrainedGaussian base, int layers, boolean skew, boolean softplus) {
        if (layers < 1) {
            throw new IllegalArgumentException("FlowGuide: layers must be >= 1, got " + layers);
        }
        double[][] lower = Diagnostics.factor(base.covariance()).lower();
        int d = base.dim();
        int perLayer = AffineAutoregressiveLayer.parameterCount(d, softplus)
                + (skew ? SinhArcsinhLayer.parameterCount(d) : 0);
        return new FlowGuide(base, lower, new double[layers * perLayer], layers, skew, softplus);
    }

    /** A copy with its own θ and work arrays. */
    public FlowGuide copy() {
        return new FlowGuide(base, lower, theta.clone(), affineLayers, skew, softplus);
    }

    /** d. */
    public int dim() {
        return mean.length;
    }

    /** K, the affine layers. */
    public int layers() {
        return affineLayers;
    }

    /** Whether each affine layer is preceded by a sinh–arcsinh layer. */
    public boolean skew() {
        return skew;
    }

    /** Whether the affine layers' conditioners read softplus features too. */
    public boolean softplus() {
        return softplus;
    }

    /** J, the layers of every kind (K, or 2K when skewed): {@link #saveInputs} keeps J·d values. */
    public int stages() {
        return layers.length;
    }

    /** θ, live. */
    public double[] params() {
        return theta;
    }

    /** The Gaussian the flow transforms. */
    public UnconstrainedGaussian base() {
        return base;
    }

    /** u for the noise ε (length d) into {@code u}; returns log q(u). Keeps the layers' inputs for {@link #pullBack}. */
    public double draw(double[] eps, double[] u) {
        int d = mean.length;
        System.arraycopy(eps, 0, xs[0], 0, d);
        double logQ = -0.5 * d * LOG_TWO_PI - logDetLower;
        for (int i = 0; i < d; i++) {
            logQ -= 0.5 * eps[i] * eps[i];
        }
        for (int k = 0; k < layers.length; k++) {
            logQ -= layers[k].forward(theta, xs[k], xs[k + 1]);
        }
        double[] x = xs[layers.length];
        for (int i = 0; i < d; i++) {
            double s = mean[i];
            double[] row = lower[i];
            for (int j = 0; j <= i; j++) {
                s += row[j] * x[j];
            }
            u[i] = s;
        }
        return logQ;
    }

    /**
     * For the last {@link #draw}: {@code grad += ∇_θ [gu · u(θ) + weight · Σ_j log |det ∂T_j/∂x|]},
     * with {@code gu} the target's gradient at u (scaled by the caller, e.g. by 1/M, like {@code weight}).
     */
    public void pullBack(double[] gu, double weight, double[] grad) {
        int d = mean.length;
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int i = j; i < d; i++) {
                s += lower[i][j] * gu[i];
            }
            ga[j] = s;
        }
        double[] g = ga;
        double[] next = gb;
        for (int k = layers.length - 1; k >= 0; k--) {
            layers[k].backward(theta, xs[k], g, next, grad, weight);
            double[] t = g;
            g = next;
            next = t;
        }
    }

    /**
     * Copies the layers' inputs of the last {@link #draw} (J·d values) into {@code into} from
     * {@code offset}, so that {@link #restoreInputs} can make that draw the last one again without
     * recomputing it.
     */
    public void saveInputs(double[] into, int offset) {
        int d = mean.length;
        for (int k = 0; k < layers.length; k++) {
            System.arraycopy(xs[k], 0, into, offset + k * d, d);
        }
    }

    /** Makes the draw saved by {@link #saveInputs} at {@code offset} the last draw for {@link #pullBack}. */
    public void restoreInputs(double[] from, int offset) {
        int d = mean.length;
        for (int k = 0; k < layers.length; k++) {
            System.arraycopy(from, offset + k * d, xs[k], 0, d);
        }
    }

    /** True when a flow parameter is not finite or past {@value #MAX_ABS_PARAM}. */
    public boolean blownUp() {
        return GuideStart.exceeds(theta, 0, theta.length, MAX_ABS_PARAM);
    }

    @Override
    public String toString() {
        return "FlowGuide[d=" + dim() + ", layers=" + affineLayers + (skew ? ", skew" : "")
                + (softplus ? ", softplus" : "") + ", |θ|max="
                + Arrays.stream(theta).map(Math::abs).max().orElse(0) + "]";
    }
}
