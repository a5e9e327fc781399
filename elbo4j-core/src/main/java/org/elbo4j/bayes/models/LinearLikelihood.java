package org.elbo4j.bayes.models;

/**
 * The Gaussian log-likelihood of the rows of a linear regression and its derivatives, in double,
 * in the unconstrained coordinates {@code u = [α, β, t]} (α if any), {@code σ = e^t},
 * {@code z_n = [1, x_n]}, {@code r_n = y_n − θᵀ z_n}, over a set B of rows (all of them, or a
 * subsample) scaled by s (1 for the full data, N/|B| for a subsample, see
 * {@link org.elbo4j.infer.SubsampledLogDensity}), {@code Q = Σ_{n∈B} r_n²}, {@code b = |B|}:
 * <pre>
 *   L = s [−Q e^{−2t} / 2 − b t − b ½ log 2π]
 *   ∂L/∂θ = s Σ_{n∈B} r_n z_n / σ²,          ∂L/∂t = s (Q / σ² − b)
 *   −∂²L/∂θ∂θᵀ = s Σ_{n∈B} z_n z_nᵀ / σ²,    −∂²L/∂θ∂t = 2 s Σ_{n∈B} r_n z_n / σ²,    −∂²L/∂t² = 2 s Q / σ²
 * </pre>
 * The likelihood of {@link LinearRegression} (its {@link org.elbo4j.bayes.ExactCurvature}), and
 * what each Spark partition of the distributed linear regression evaluates on its rows.
 */
public final class LinearLikelihood {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final double[] x;
    private final double[] y;
    private final int features;
    private final boolean intercept;

    private LinearLikelihood(double[] x, double[] y, int features, boolean intercept) {
        this.x = x;
        this.y = y;
        this.features = features;
        this.intercept = intercept;
    }

    /**
     * The rows of {@code x} (N × D, row-major, kept, not copied) with responses {@code y}; N may be 0.
     *
     * @throws IllegalArgumentException if x does not hold N rows of the same length
     */
    public static LinearLikelihood of(double[] x, double[] y, boolean intercept) {
        if (y.length > 0 && x.length % y.length != 0) {
            throw new IllegalArgumentException("LinearLikelihood: x has " + x.length + " numbers, not a multiple of "
                    + y.length + " rows");
        }
        return new LinearLikelihood(x, y, y.length == 0 ? 0 : x.length / y.length, intercept);
    }

    /** N. */
    public int rows() {
        return y.length;
    }

    /**
     * L at the point at {@code off} in {@code u} on the rows {@code rows} (indices into this
     * object's rows, null for all) scaled by {@code scale}; adds ∂L into {@code out} from
     * {@code gOff} (when it is not negative) and −∂²L (d × d, row-major) from {@code hOff} (when not
     * negative). With no rows it adds nothing and returns 0.
     */
    public double add(double[] u, int off, double[] out, int gOff, int hOff, int[] rows, double scale) {
        int n = rows == null ? y.length : rows.length;
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
        for (int k = 0; k < n; k++) {
            int i = rows == null ? k : rows[k];
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
        double si = scale * inv;
        if (gOff >= 0) {
            for (int j = 0; j < d - 1; j++) {
                out[gOff + j] += rz[j] * si;
            }
            out[gOff + d - 1] += scale * (q * inv - n);
        }
        if (zz != null) {
            for (int j = 0; j < d - 1; j++) {
                for (int l = 0; l < d - 1; l++) {
                    out[hOff + j * d + l] += zz[j * (d - 1) + l] * si;
                }
                out[hOff + j * d + d - 1] += 2 * rz[j] * si;
                out[hOff + (d - 1) * d + j] += 2 * rz[j] * si;
            }
            out[hOff + (d - 1) * d + d - 1] += 2 * q * si;
        }
        return scale * (-0.5 * q * inv - n * t - n * HALF_LOG_TWO_PI);
    }
}
