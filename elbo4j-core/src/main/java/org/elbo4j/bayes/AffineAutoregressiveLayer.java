package org.elbo4j.bayes;

/**
 * One masked affine autoregressive layer y = T(x) on ℝᵈ (inverse autoregressive flow, Kingma et
 * al. 2016, "Improved variational inference with inverse autoregressive flow", with linear
 * conditioners). In the layer's order π (the identity, or reversed) the coordinate at position p
 * is moved by a shift and a log-scale that are linear in the inputs at earlier positions:
 * <pre>
 *   r_p = a_p + n_p Σ_{q &lt; p} A_pq x_π(q),   t_p = b_p + n_p Σ_{q &lt; p} B_pq x_π(q),   n_p = 1/√max(1, p),
 *   s_p = c · tanh(r_p / c),                 y_π(p) = x_π(p) · exp(s_p) + t_p,
 *   log |det ∂y/∂x| = Σ_p s_p                 (the Jacobian is triangular in the order π)
 * </pre>
 * with the soft clamp c = {@value #LOG_SCALE_CLAMP} (each layer scales a coordinate by at most
 * e^c). The fan-in factor n_p (as in the initialisation of LeCun et al. 1998, here a fixed
 * reparameterization) keeps an optimiser's step on all p weights of a row, which Adam makes about
 * equally large whatever the gradient, from moving r_p by O(p). A log-scale linear in x_π(q) is exactly the dependence of Neal's funnel (the sd of the group
 * effects is the exponential of a linear function of the log group sd), and the linear shift makes
 * the layer contain every Gaussian; all parameters zero is the identity. Parameters (d(d + 1) of
 * them), from {@code offset} in a flat vector: a (d), b (d), then A and B, each strictly lower
 * triangular in the order π, packed row by row ({@code A_pq} at {@code p(p − 1)/2 + q}).
 *
 * <p>With softplus features the conditioners are nonlinear: {@code r_p} and {@code t_p} also add
 * {@code n_p Σ_{q<p} C_pq φ(x_π(q))} and {@code n_p Σ_{q<p} E_pq φ(x_π(q))}, with
 * φ(x) = log cosh x − E[log cosh Z] = softplus(2x) − x − log 2 − {@value #MEAN_LOG_COSH} (Z ~ N(0, 1);
 * even and centred, so that an optimiser's step on a whole row does not shift r_p by O(p); with the
 * linear term the conditioner reads softplus(±2x)), so that a scale or shift can follow one slope on
 * one side of an earlier coordinate and another on the other (a group effect's sd, σ·s/√(σ² + s²)
 * for a group sd σ and a data sd s, is e^{log σ} for small σ and flat for large); C and E follow B in
 * θ (d(d − 1) more parameters), and the backward adds
 * {@code ∂f/∂C_pq = n_p ∂f/∂r_p φ(x_π(q))}, {@code ∂f/∂E_pq = n_p g_π(p) φ(x_π(q))} and
 * {@code n_p (∂f/∂r_p C_pq + g_π(p) E_pq) φ′(x_π(q))} to {@code ∂f/∂x_π(q)}.
 *
 * <p>Backward: with g = ∂f/∂y for an objective f to which the layer also adds its log-determinant,
 * {@code ∂f/∂s_p = g_π(p) x_π(p) e^{s_p} + 1}, {@code ∂f/∂r_p = ∂f/∂s_p (1 − tanh²(r_p/c))},
 * {@code ∂f/∂a_p = ∂f/∂r_p}, {@code ∂f/∂A_pq = n_p ∂f/∂r_p x_π(q)}, {@code ∂f/∂b_p = g_π(p)},
 * {@code ∂f/∂B_pq = n_p g_π(p) x_π(q)} and
 * {@code ∂f/∂x_π(q) = g_π(q) e^{s_q} + Σ_{p &gt; q} n_p (∂f/∂r_p A_pq + g_π(p) B_pq)}.
 */
final class AffineAutoregressiveLayer implements FlowLayer {

    /** E[log cosh Z] for Z ~ N(0, 1) (scipy quadrature, tools/flow/skewed_target.py): centres φ. */
    static final double MEAN_LOG_COSH = 0.3745672074914379;
    /** c: the bound of each layer's log-scale. */
    static final double LOG_SCALE_CLAMP = 4;

    private final int d;
    private final boolean reversed;
    private final int offset;
    private final int triangle;
    private final double[] r;
    private final double[] dr;
    /** 1/√max(1, p): the weights of the p inputs of position p enter scaled by it. */
    private final double[] fanIn;
    /** Whether the conditioners also read softplus(x_π(q)) (two more triangles, C and E). */
    private final boolean softplus;
    private final double[] sp;
    private final double[] sig;

    AffineAutoregressiveLayer(int d, boolean reversed, int offset) {
        this(d, reversed, offset, false);
    }

    AffineAutoregressiveLayer(int d, boolean reversed, int offset, boolean softplus) {
        this.d = d;
        this.reversed = reversed;
        this.offset = offset;
        this.softplus = softplus;
        this.triangle = d * (d - 1) / 2;
        this.sp = new double[softplus ? d : 0];
        this.sig = new double[softplus ? d : 0];
        this.r = new double[d];
        this.fanIn = new double[d];
        for (int p = 0; p < d; p++) {
            fanIn[p] = 1 / Math.sqrt(Math.max(1, p));
        }
        this.dr = new double[d];
    }

    /** The number of parameters of a layer on ℝᵈ: d(d + 1). */
    static int parameterCount(int d) {
        return d * (d + 1);
    }

    /** The number of parameters of a layer on ℝᵈ: d(d + 1), and d(d − 1) more with softplus features. */
    static int parameterCount(int d, boolean softplus) {
        return d * (d + 1) + (softplus ? d * (d - 1) : 0);
    }

    /** φ(x) into sp and its derivative φ′(x) = tanh(x) into sig, per coordinate. */
    private void features(double[] x) {
        for (int c = 0; c < d; c++) {
            double xc = x[c];
            sp[c] = SinhArcsinhLayer.logCosh(xc) - MEAN_LOG_COSH;
            sig[c] = Math.tanh(xc);
        }
    }

    private int coordinate(int p) {
        return reversed ? d - 1 - p : p;
    }

    /** y = T(x) (y must not alias x); returns log |det ∂y/∂x| = Σ_p s_p. */
    @Override
    public double forward(double[] theta, double[] x, double[] y) {
        int aOff = offset;
        int bOff = offset + d;
        int lowA = offset + 2 * d;
        int lowB = lowA + triangle;
        int lowC = lowB + triangle;
        int lowE = lowC + triangle;
        if (softplus) {
            features(x);
        }
        double logDet = 0;
        for (int p = 0; p < d; p++) {
            double rp = 0;
            double tp = 0;
            int row = p * (p - 1) / 2;
            for (int q = 0; q < p; q++) {
                double xq = x[coordinate(q)];
                rp += theta[lowA + row + q] * xq;
                tp += theta[lowB + row + q] * xq;
            }
            if (softplus) {
                for (int q = 0; q < p; q++) {
                    double fq = sp[coordinate(q)];
                    rp += theta[lowC + row + q] * fq;
                    tp += theta[lowE + row + q] * fq;
                }
            }
            rp = theta[aOff + p] + fanIn[p] * rp;
            tp = theta[bOff + p] + fanIn[p] * tp;
            double s = LOG_SCALE_CLAMP * Math.tanh(rp / LOG_SCALE_CLAMP);
            int c = coordinate(p);
            y[c] = x[c] * Math.exp(s) + tp;
            logDet += s;
        }
        return logDet;
    }

    /**
     * With g = ∂f/∂y at the input x, {@code grad[offset…] += ∂f/∂θ} and gx = ∂f/∂x (overwritten;
     * must alias neither x nor g), f including {@code weight} times this layer's log-determinant
     * (the class comment with weight 1).
     */
    @Override
    public void backward(double[] theta, double[] x, double[] g, double[] gx, double[] grad, double weight) {
        int aOff = offset;
        int bOff = offset + d;
        int lowA = offset + 2 * d;
        int lowB = lowA + triangle;
        int lowC = lowB + triangle;
        int lowE = lowC + triangle;
        if (softplus) {
            features(x);
        }
        for (int p = 0; p < d; p++) {
            double rp = 0;
            int row = p * (p - 1) / 2;
            for (int q = 0; q < p; q++) {
                rp += theta[lowA + row + q] * x[coordinate(q)];
            }
            if (softplus) {
                for (int q = 0; q < p; q++) {
                    rp += theta[lowC + row + q] * sp[coordinate(q)];
                }
            }
            r[p] = theta[aOff + p] + fanIn[p] * rp;
        }
        for (int p = 0; p < d; p++) {
            double th = Math.tanh(r[p] / LOG_SCALE_CLAMP);
            double s = LOG_SCALE_CLAMP * th;
            int c = coordinate(p);
            double es = Math.exp(s);
            double ds = g[c] * x[c] * es + weight;
            dr[p] = ds * (1 - th * th);
            gx[c] = g[c] * es;
        }
        for (int p = 0; p < d; p++) {
            int c = coordinate(p);
            double gp = g[c];
            double drp = dr[p];
            grad[aOff + p] += drp;
            grad[bOff + p] += gp;
            int row = p * (p - 1) / 2;
            double cr = fanIn[p] * drp;
            double ct = fanIn[p] * gp;
            for (int q = 0; q < p; q++) {
                int cq = coordinate(q);
                double xq = x[cq];
                grad[lowA + row + q] += cr * xq;
                grad[lowB + row + q] += ct * xq;
                gx[cq] += cr * theta[lowA + row + q] + ct * theta[lowB + row + q];
            }
            if (softplus) {
                for (int q = 0; q < p; q++) {
                    int cq = coordinate(q);
                    double fq = sp[cq];
                    grad[lowC + row + q] += cr * fq;
                    grad[lowE + row + q] += ct * fq;
                    gx[cq] += (cr * theta[lowC + row + q] + ct * theta[lowE + row + q]) * sig[cq];
                }
            }
        }
    }
}
