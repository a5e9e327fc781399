package org.elbo4j.bayes.models;

/**
 * Straightforward references for {@link LogisticLikelihood} and {@link LogisticExpectations}: one row
 * at a time, plain products and sums, {@link Math#exp} and {@link Math#log1p}, every sum also of the
 * absolute values of its terms (the scale of its rounding error). x is row-major N × D and the
 * augmented row z_n = [1, x_n] with an intercept.
 */
final class LogisticKernelReference {

    private LogisticKernelReference() {
    }

    static double[] z(double[] x, int n, int features, int off) {
        double[] z = new double[features + off];
        if (off == 1) {
            z[0] = 1;
        }
        System.arraycopy(x, n * features, z, off, features);
        return z;
    }

    /**
     * Σ_n ℓ_n at θ with its gradient and negative Hessian into g, h (length d, d × d) and the sums of
     * the terms' absolute values into gAbs, hAbs; returns the value.
     */
    static double curvature(double[] x, double[] y, int features, double[] theta, boolean intercept, double[] g,
            double[][] h, double[] gAbs, double[][] hAbs) {
        int off = intercept ? 1 : 0;
        int d = features + off;
        double value = 0;
        for (int n = 0; n < y.length; n++) {
            double[] z = z(x, n, features, off);
            double eta = 0;
            for (int a = 0; a < d; a++) {
                eta += theta[a] * z[a];
            }
            value += y[n] * eta - Math.max(eta, 0) - Math.log1p(Math.exp(-Math.abs(eta)));
            double sigma = 1 / (1 + Math.exp(-eta));
            double w = sigma * (1 - sigma);
            for (int a = 0; a < d; a++) {
                g[a] += (y[n] - sigma) * z[a];
                gAbs[a] += Math.abs((y[n] - sigma) * z[a]);
                for (int b = 0; b < d; b++) {
                    h[a][b] += w * z[a] * z[b];
                    hAbs[a][b] += Math.abs(w * z[a] * z[b]);
                }
            }
        }
        return value;
    }

    /** As {@link #curvature} for E_q under q = N(m, L Lᵀ), the row expectations by {@link LogisticExpectations#row}. */
    static double expectations(double[] x, double[] y, int features, double[] mean, double[][] lower,
            boolean intercept, double[] g, double[][] h, double[] gAbs, double[][] hAbs) {
        int off = intercept ? 1 : 0;
        int d = features + off;
        double value = 0;
        double[] e = new double[3];
        for (int n = 0; n < y.length; n++) {
            double[] z = z(x, n, features, off);
            double mu = 0;
            double s2 = 0;
            for (int a = 0; a < d; a++) {
                mu += mean[a] * z[a];
            }
            for (int k = 0; k < d; k++) {
                double v = 0;
                for (int a = k; a < d; a++) {
                    v += lower[a][k] * z[a];
                }
                s2 += v * v;
            }
            value += LogisticExpectations.row(mu, Math.sqrt(s2), 1 - 2 * y[n], e);
            for (int a = 0; a < d; a++) {
                g[a] += e[1] * z[a];
                gAbs[a] += Math.abs(e[1] * z[a]);
                for (int b = 0; b < d; b++) {
                    h[a][b] -= e[2] * z[a] * z[b];
                    hAbs[a][b] += Math.abs(e[2] * z[a] * z[b]);
                }
            }
        }
        return value;
    }
}
