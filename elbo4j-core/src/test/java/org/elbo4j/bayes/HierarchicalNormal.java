package org.elbo4j.bayes;

/**
 * A test target with a closed-form marginal: y_j ~ N(x_j, σ_j²), x_j ~ N(μ, τ²), μ ~ N(0, s²),
 * t = log τ ~ N(0, 1), u = (t, μ, x_1, …, x_J); θ = t, latent (μ, x). Given t the latent posterior
 * is exactly Gaussian, so the Laplace marginal is exact:
 * <pre>
 *   p(y, t) = N(y; 0, diag(σ² + τ²) + s² 1 1ᵀ) · N(t; 0, 1)
 * </pre>
 * ℓ, its gradient and full Hessian are written out by hand (checked by finite differences in
 * {@link NestedLaplaceTest}); each x_j alone is a separable block, μ the border.
 */
final class HierarchicalNormal implements LatentGaussianDensity {

    static final double[] Y = {28, 8, -3, 7, -1, 1, 18, 12};
    static final double[] SIGMA = {15, 10, 16, 11, 9, 11, 10, 18};
    static final double S = 5;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    int j() {
        return Y.length;
    }

    @Override
    public int[] hyperparameters() {
        return new int[] {0};
    }

    @Override
    public int[][] separableLatentBlocks() {
        int[][] b = new int[Y.length][];
        for (int i = 0; i < Y.length; i++) {
            b[i] = new int[] {2 + i};
        }
        return b;
    }

    @Override
    public double curvature(double[] u, double[] g, double[][] h) {
        int jn = Y.length;
        double t = u[0];
        double mu = u[1];
        double prec = Math.exp(-2 * t);
        double v = -HALF_LOG_TWO_PI - 0.5 * t * t - HALF_LOG_TWO_PI - Math.log(S) - 0.5 * mu * mu / (S * S);
        double gt = -t;
        double gmu = -mu / (S * S);
        double sumDev = 0;
        double sumDev2 = 0;
        if (h != null) {
            for (double[] row : h) {
                java.util.Arrays.fill(row, 0);
            }
        }
        for (int i = 0; i < jn; i++) {
            double x = u[2 + i];
            double dev = x - mu;
            v += -HALF_LOG_TWO_PI - Math.log(SIGMA[i]) - 0.5 * (Y[i] - x) * (Y[i] - x) / (SIGMA[i] * SIGMA[i]);
            v += -HALF_LOG_TWO_PI - t - 0.5 * dev * dev * prec;
            sumDev += dev;
            sumDev2 += dev * dev;
            if (g != null) {
                g[2 + i] = -(x - Y[i]) / (SIGMA[i] * SIGMA[i]) - dev * prec;
            }
            if (h != null) {
                h[2 + i][2 + i] = 1 / (SIGMA[i] * SIGMA[i]) + prec;
                h[2 + i][1] = -prec;
                h[1][2 + i] = -prec;
                h[2 + i][0] = -2 * dev * prec;
                h[0][2 + i] = -2 * dev * prec;
            }
        }
        if (g != null) {
            g[0] = gt - jn + sumDev2 * prec;
            g[1] = gmu + sumDev * prec;
        }
        if (h != null) {
            h[1][1] = jn * prec + 1 / (S * S);
            h[1][0] = 2 * sumDev * prec;
            h[0][1] = h[1][0];
            h[0][0] = 2 * sumDev2 * prec + 1;
        }
        return v;
    }

    /** log p(y, t) in closed form: N(y; 0, diag(σ² + e^{2t}) + s² 1 1ᵀ) N(t; 0, 1). */
    static double logJoint(double t) {
        int jn = Y.length;
        double[][] cov = new double[jn][jn];
        for (int a = 0; a < jn; a++) {
            for (int b = 0; b < jn; b++) {
                cov[a][b] = S * S + (a == b ? SIGMA[a] * SIGMA[a] + Math.exp(2 * t) : 0);
            }
        }
        DenseCholesky c = DenseCholesky.of(cov);
        double[] w = c.solveLower(Y);
        double q = 0;
        for (double x : w) {
            q += x * x;
        }
        return -jn * HALF_LOG_TWO_PI - 0.5 * c.logDet() - 0.5 * q - HALF_LOG_TWO_PI - 0.5 * t * t;
    }

    /** log p(y) and E[t | y], sd(t | y) by the trapezoid rule on [−12, 8] (steps of 1e-3; the integrand is smooth and negligible at the ends). */
    static double[] exact() {
        double h = 1e-3;
        double max = Double.NEGATIVE_INFINITY;
        int n = (int) Math.round(20 / h);
        double[] lp = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            lp[i] = logJoint(-12 + i * h);
            max = Math.max(max, lp[i]);
        }
        double z = 0;
        double m1 = 0;
        double m2 = 0;
        for (int i = 0; i <= n; i++) {
            double w = Math.exp(lp[i] - max) * (i == 0 || i == n ? 0.5 : 1);
            double t = -12 + i * h;
            z += w;
            m1 += w * t;
            m2 += w * t * t;
        }
        double mean = m1 / z;
        return new double[] {max + Math.log(z * h), mean, Math.sqrt(m2 / z - mean * mean)};
    }
}
