package org.elbo4j.bayes.models;

import org.elbo4j.tensor.CustomOp;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;

/**
 * The logistic-regression log-likelihood of M particles as one hand-written double-precision
 * operation ({@link CustomOp}): for particle m with intercept α_m (0 without) and coefficients β_m,
 * <pre>
 *   ℓ_m = Σ_{n ∈ B} [y_n η_mn − softplus(η_mn)],   η_mn = α_m + β_mᵀ x_n,
 *   ∂ℓ_m/∂β_m = Σ_n (y_n − σ(η_mn)) x_n,   ∂ℓ_m/∂α_m = Σ_n (y_n − σ(η_mn)).
 * </pre>
 * Implementation note: softplus(η) = max(η, 0) + log(1 + e^{−|η|}) (log rather than log1p: the
 * absolute error is below 1e-16 per term) and σ(η) from the same exponential. The gradient sums
 * are accumulated in the forward pass when gradients are recorded, so the backward rule only
 * scales them. Plain scalar loops: they reach compiled speed within the first call, where the
 * equivalent chain of tensor operations needs hundreds of calls to warm up.
 */
final class LogisticLikelihood {

    private final double[] x;
    private final double[] y;
    private final int d;

    /** x row-major N × D, y ∈ {0, 1} of length N (both kept, not copied). */
    LogisticLikelihood(double[] x, double[] y, int d) {
        this.x = x;
        this.y = y;
        this.d = d;
    }

    /** β·x_n for the row at {@code off}, with four partial sums (independent add chains). */
    private double dot(double[] coef, int off) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < d; j += 4) {
            s0 += coef[j] * x[off + j];
            s1 += coef[j + 1] * x[off + j + 1];
            s2 += coef[j + 2] * x[off + j + 2];
            s3 += coef[j + 3] * x[off + j + 3];
        }
        for (; j < d; j++) {
            s0 += coef[j] * x[off + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** ℓ per particle, shape [M]: beta [M, D], intercept [M] or null, rows the batch's indices (null for all). */
    Tensor of(Tensor beta, Tensor intercept, int[] rows) {
        int m = beta.size() / d;
        float[] b = beta.data();
        float[] a = intercept == null ? null : intercept.data();
        boolean grad = GradMode.isEnabled() && (beta.requiresGrad() || intercept != null && intercept.requiresGrad());
        double[] gBeta = grad ? new double[m * d] : null;
        double[] gAlpha = grad ? new double[m] : null;
        float[] out = new float[m];
        double[] coef = new double[d];
        int count = rows == null ? y.length : rows.length;
        for (int p = 0; p < m; p++) {
            for (int j = 0; j < d; j++) {
                coef[j] = b[p * d + j];
            }
            double alpha = a == null ? 0 : a[p];
            double sum = 0;
            double residualSum = 0;
            for (int k = 0; k < count; k++) {
                int n = rows == null ? k : rows[k];
                int off = n * d;
                double eta = alpha + dot(coef, off);
                double e = Math.exp(-Math.abs(eta));
                sum += y[n] * eta - Math.max(eta, 0) - Math.log(1 + e);
                if (grad) {
                    double sigma = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
                    double r = y[n] - sigma;
                    residualSum += r;
                    for (int j = 0; j < d; j++) {
                        gBeta[p * d + j] += r * x[off + j];
                    }
                }
            }
            out[p] = (float) sum;
            if (grad) {
                gAlpha[p] = residualSum;
            }
        }
        if (!grad) {
            return Tensor.of(out, m);
        }
        Tensor[] inputs = intercept == null ? new Tensor[] {beta} : new Tensor[] {beta, intercept};
        return CustomOp.of("logisticLogLikelihood", out, new int[] {m}, g -> {
            float[] gOut = g.data();
            double[] gb = new double[m * d];
            double[] ga = new double[m];
            for (int p = 0; p < m; p++) {
                ga[p] = gOut[p] * gAlpha[p];
                for (int j = 0; j < d; j++) {
                    gb[p * d + j] = gOut[p] * gBeta[p * d + j];
                }
            }
            Tensor gradBeta = Tensor.of(gb, beta.shape());
            return intercept == null ? new Tensor[] {gradBeta}
                    : new Tensor[] {gradBeta, Tensor.of(ga, intercept.shape())};
        }, inputs);
    }

    /**
     * Σ_n [y_n η_n − softplus(η_n)] at θ = [α, β] (α only {@code withIntercept}) for all rows, in
     * double; writes its gradient Σ_n (y_n − σ(η_n)) z_n into {@code gradient} and its negative
     * Hessian Σ_n σ(η_n)(1 − σ(η_n)) z_n z_nᵀ into {@code negativeHessian} (z_n = [1, x_n] or x_n)
     * when they are not null.
     */
    double curvature(double[] theta, boolean withIntercept, double[] gradient, double[][] negativeHessian) {
        int offset = withIntercept ? 1 : 0;
        int k = d + offset;
        double[] z = new double[k];
        double[] coef = new double[d];
        System.arraycopy(theta, offset, coef, 0, d);
        double alpha = withIntercept ? theta[0] : 0;
        if (gradient != null) {
            java.util.Arrays.fill(gradient, 0);
        }
        double[] lower = negativeHessian == null ? null : new double[k * k];
        double value = 0;
        for (int n = 0; n < y.length; n++) {
            double eta = alpha + dot(coef, n * d);
            double e = Math.exp(-Math.abs(eta));
            value += y[n] * eta - Math.max(eta, 0) - Math.log(1 + e);
            if (gradient == null && lower == null) {
                continue;
            }
            z[0] = 1;
            System.arraycopy(x, n * d, z, offset, d);
            double sigma = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
            if (gradient != null) {
                double r = y[n] - sigma;
                for (int j = 0; j < k; j++) {
                    gradient[j] += r * z[j];
                }
            }
            if (lower != null) {
                double w = sigma * (1 - sigma);
                for (int i = 0; i < k; i++) {
                    double wz = w * z[i];
                    for (int j = 0; j <= i; j++) {
                        lower[i * k + j] += wz * z[j];
                    }
                }
            }
        }
        if (lower != null) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j <= i; j++) {
                    negativeHessian[i][j] = lower[i * k + j];
                    negativeHessian[j][i] = lower[i * k + j];
                }
            }
        }
        return value;
    }
}
