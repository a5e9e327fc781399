package org.elbo4j.spark;

/**
 * The Gaussian log-likelihood of some rows of a linear regression and its derivatives, in double,
 * in the unconstrained coordinates {@code u = [α, β, t]} (α if any), {@code σ = e^t},
 * {@code z_n = [1, x_n]}, {@code r_n = y_n − θᵀ z_n}, {@code Q = Σ_n r_n²}:
 * <pre>
 *   L = −Q e^{−2t} / 2 − n t − n ½ log 2π
 *   ∂L/∂θ = Σ_n r_n z_n / σ²,          ∂L/∂t = Q / σ² − n
 *   −∂²L/∂θ∂θᵀ = Σ_n z_n z_nᵀ / σ²,    −∂²L/∂θ∂t = 2 Σ_n r_n z_n / σ²,    −∂²L/∂t² = 2Q / σ²
 * </pre>
 * The rows are those of {@link org.elbo4j.bayes.models.LinearRegression}'s likelihood; this is its
 * double-precision form for one Spark partition ({@link SparkLinearRegression}).
 */
final class LinearPartition {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final double[] x;
    private final double[] y;
    private final int features;
    private final boolean intercept;

    private LinearPartition(double[] x, double[] y, boolean intercept) {
        this.x = x;
        this.y = y;
        this.features = y.length == 0 ? 0 : x.length / y.length;
        this.intercept = intercept;
    }

    /** The rows of {@code x} (N × D, row-major) with responses {@code y}; N may be 0. */
    static LinearPartition of(double[] x, double[] y, boolean intercept) {
        return new LinearPartition(x, y, intercept);
    }

    /**
     * L at the point at {@code off} in {@code u}; adds ∂L into {@code out} from {@code gOff} (when
     * it is not negative) and −∂²L (d × d, row-major) from {@code hOff} (when not negative).
     */
    double add(double[] u, int off, double[] out, int gOff, int hOff) {
        int n = y.length;
        if (n == 0) {
            return 0;
        }
        int a = intercept ? 1 : 0;
        int d = features + a + 1;
        double t = u[off + d - 1];
        double inv = Math.exp(-2 * t);
        double q = 0;
        double[] rz = new double[d - 1];
        double[] zz = hOff >= 0 ? new double[(d - 1) * (d - 1)] : null;
        double[] z = new double[d - 1];
        for (int i = 0; i < n; i++) {
            if (intercept) {
                z[0] = 1;
            }
            System.arraycopy(x, i * features, z, a, features);
            double eta = 0;
            for (int j = 0; j < d - 1; j++) {
                eta += u[off + j] * z[j];
            }
            double r = y[i] - eta;
            q += r * r;
            if (gOff >= 0 || zz != null) {
                for (int j = 0; j < d - 1; j++) {
                    rz[j] += r * z[j];
                }
            }
            if (zz != null) {
                for (int j = 0; j < d - 1; j++) {
                    for (int l = 0; l < d - 1; l++) {
                        zz[j * (d - 1) + l] += z[j] * z[l];
                    }
                }
            }
        }
        if (gOff >= 0) {
            for (int j = 0; j < d - 1; j++) {
                out[gOff + j] += rz[j] * inv;
            }
            out[gOff + d - 1] += q * inv - n;
        }
        if (zz != null) {
            for (int j = 0; j < d - 1; j++) {
                for (int l = 0; l < d - 1; l++) {
                    out[hOff + j * d + l] += zz[j * (d - 1) + l] * inv;
                }
                out[hOff + j * d + d - 1] += 2 * rz[j] * inv;
                out[hOff + (d - 1) * d + j] += 2 * rz[j] * inv;
            }
            out[hOff + (d - 1) * d + d - 1] += 2 * q * inv;
        }
        return -0.5 * q * inv - n * t - n * HALF_LOG_TWO_PI;
    }
}
