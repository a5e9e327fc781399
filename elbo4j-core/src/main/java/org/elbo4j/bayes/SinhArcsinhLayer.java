package org.elbo4j.bayes;

/**
 * An elementwise sinh–arcsinh layer y = T(x) on ℝᵈ (Jones &amp; Pewsey 2009, "Sinh-arcsinh
 * distributions", Biometrika 96:761): each coordinate is moved by a monotone map with a skew ε_i
 * and a tail weight δ_i &gt; 0,
 * <pre>
 *   δ_i = exp(s_i),   s_i = c · tanh(τ_i / c),   w_i = δ_i asinh(x_i) − ε_i,   y_i = sinh(w_i),
 *   log |det ∂y/∂x| = Σ_i [log cosh(w_i) + s_i − ½ log(1 + x_i²)]     (the Jacobian is diagonal)
 * </pre>
 * with the soft clamp c = {@value #LOG_TAIL_CLAMP}. A standard normal x becomes a sinh–arcsinh
 * variable: ε ≠ 0 skews it, δ &gt; 1 makes its tails heavier (y grows like x^δ) and δ &lt; 1
 * lighter, which the affine
 * autoregressive layers ({@link AffineAutoregressiveLayer}) cannot do to the first coordinate of
 * their order (they move it only affinely, so a skewed marginal, such as that of the log sd of a few
 * groups, is out of their reach). ε = τ = 0 is the identity. Parameters (2d), from {@code offset}: ε
 * (d), then τ (d).
 *
 * <p>Backward: with g = ∂f/∂y for an objective f to which the layer also adds {@code weight} times
 * its log-determinant, {@code ∂f/∂w_i = g_i cosh(w_i) + weight · tanh(w_i)},
 * {@code ∂f/∂ε_i = −∂f/∂w_i},
 * {@code ∂f/∂τ_i = (∂f/∂w_i δ_i asinh(x_i) + weight)(1 − tanh²(τ_i/c))}
 * and {@code ∂f/∂x_i = ∂f/∂w_i δ_i / √(1 + x_i²) − weight · x_i / (1 + x_i²)}.
 *
 * <p>Implementation note: asinh(x) = sign(x) log1p(|x| + x²/(1 + √(1 + x²))) (exact near 0, log(2|x|)
 * past 1e8 where x² would lose the sum) and log cosh(w) = |w| + log1p(e^{−2|w|}) − log 2 (no overflow).
 */
final class SinhArcsinhLayer implements FlowLayer {

    /** c: the bound of each coordinate's log tail weight. */
    static final double LOG_TAIL_CLAMP = 2;
    private static final double LOG_TWO = Math.log(2);

    private final int d;
    private final int offset;

    SinhArcsinhLayer(int d, int offset) {
        this.d = d;
        this.offset = offset;
    }

    /** The number of parameters of a layer on ℝᵈ: 2d. */
    static int parameterCount(int d) {
        return 2 * d;
    }

    @Override
    public double forward(double[] theta, double[] x, double[] y) {
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            double s = LOG_TAIL_CLAMP * Math.tanh(theta[offset + d + i] / LOG_TAIL_CLAMP);
            double xi = x[i];
            double w = Math.exp(s) * asinh(xi) - theta[offset + i];
            y[i] = Math.sinh(w);
            logDet += logCosh(w) + s - 0.5 * Math.log1p(xi * xi);
        }
        return logDet;
    }

    @Override
    public void backward(double[] theta, double[] x, double[] g, double[] gx, double[] grad, double weight) {
        for (int i = 0; i < d; i++) {
            double th = Math.tanh(theta[offset + d + i] / LOG_TAIL_CLAMP);
            double delta = Math.exp(LOG_TAIL_CLAMP * th);
            double xi = x[i];
            double a = asinh(xi);
            double w = delta * a - theta[offset + i];
            double dw = g[i] * Math.cosh(w) + weight * Math.tanh(w);
            grad[offset + i] -= dw;
            grad[offset + d + i] += (dw * delta * a + weight) * (1 - th * th);
            double q = 1 + xi * xi;
            gx[i] = dw * delta / Math.sqrt(q) - weight * xi / q;
        }
    }

    /** asinh(x), accurate near 0 and finite for every finite x. */
    static double asinh(double x) {
        double ax = Math.abs(x);
        double r = ax > 1e8 ? Math.log(2 * ax) : Math.log1p(ax + ax * ax / (1 + Math.sqrt(1 + ax * ax)));
        return Math.copySign(r, x);
    }

    /** log cosh(w) without overflow. */
    static double logCosh(double w) {
        double aw = Math.abs(w);
        return aw + Math.log1p(Math.exp(-2 * aw)) - LOG_TWO;
    }
}
