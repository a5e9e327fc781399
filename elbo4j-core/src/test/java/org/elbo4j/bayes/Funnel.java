package org.elbo4j.bayes;

import org.elbo4j.infer.LogDensity;

/**
 * Neal's funnel (Neal 2003, "Slice sampling") in d = 1 + n dimensions, a test target with known
 * marginals: {@code y ~ N(0, σ²)}, {@code x_i | y ~ N(0, e^y)} (sd e^{y/2}), i = 1..n:
 * <pre>
 *   ℓ(y, x) = −y²/(2σ²) − Σ_i [x_i² e^{−y}/2 + y/2] + const,
 *   ∂ℓ/∂y = −y/σ² + Σ_i [x_i² e^{−y}/2 − 1/2],   ∂ℓ/∂x_i = −x_i e^{−y},
 * </pre>
 * whose normalising constant is known: {@code log Z = (d/2) log 2π + log σ} with the constant
 * chosen as 0 here. Marginals: y ~ N(0, σ²); {@code E x_i² = E e^y = e^{σ²/2}}.
 */
final class Funnel implements LogDensity {

    private final double sigma;
    private final int n;

    Funnel(double sigma, int n) {
        this.sigma = sigma;
        this.n = n;
    }

    /** log Z = (d/2) log 2π + log σ of e^ℓ. */
    double logNormaliser() {
        return 0.5 * (n + 1) * Math.log(2 * Math.PI) + Math.log(sigma);
    }

    @Override
    public void logDensities(double[] points, int k, double[] values, double[] gradients) {
        int d = n + 1;
        for (int p = 0; p < k; p++) {
            double y = points[p * d];
            double e = Math.exp(-y);
            double l = -0.5 * y * y / (sigma * sigma);
            double gy = -y / (sigma * sigma);
            for (int i = 1; i < d; i++) {
                double x = points[p * d + i];
                l -= 0.5 * x * x * e + 0.5 * y;
                gy += 0.5 * x * x * e - 0.5;
                if (gradients != null) {
                    gradients[p * d + i] = -x * e;
                }
            }
            values[p] = l;
            if (gradients != null) {
                gradients[p * d] = gy;
            }
        }
    }
}
