package org.elbo4j.bayes.models;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
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
 *
 * <p>{@link #logLikelihoods} evaluates the full-data sum at K points for
 * {@link LogisticRegression#logDensities}; it keeps a column-major copy of x (D × N doubles) and,
 * between calls, a scratch area of 5 × N doubles; the loops are {@link ColumnKernels} and {@link FastExp}.
 */
final class LogisticLikelihood {

    /**
     * Rows per block of {@link #logLikelihoods}: the block of every column (D·1 KiB) stays in L1
     * while the points of a group use it. Larger blocks are a little faster once compiled but
     * slower in a cold JVM (fewer, longer calls of the loop methods reach C2 later).
     */
    private static final int BLOCK = 128;
    /** Points per pass of {@link #logLikelihoods} without gradients: each block of x serves them all. */
    private static final int GROUP = 16;

    private final double[] x;
    private final double[] y;
    private final int d;
    /** The columns of x (D arrays of length N), for {@link #logLikelihoods}. */
    private final double[][] columns;
    /** s_n = 1 − 2 y_n ∈ {1, −1}. */
    private final double[] sign;
    /** The scratch rows of {@link #logLikelihoods} (5 × N), kept between calls; a call takes them or allocates. */
    private final AtomicReference<double[][]> spare = new AtomicReference<>();

    /** x row-major N × D, y ∈ {0, 1} of length N (both kept, not copied). */
    LogisticLikelihood(double[] x, double[] y, int d) {
        this.x = x;
        this.y = y;
        this.d = d;
        int n = y.length;
        this.columns = new double[d][n];
        this.sign = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                columns[j][i] = x[i * d + j];
            }
            sign[i] = 1 - 2 * y[i];
        }
    }

    /**
     * x row-major N × D, its columns (D arrays of length N, the transpose of x), y ∈ {0, 1} of
     * length N: all kept, not copied ({@link DesignRows} builds both layouts as it reads).
     */
    LogisticLikelihood(double[] x, double[][] columns, double[] y, int d) {
        this.x = x;
        this.y = y;
        this.d = d;
        this.columns = columns;
        this.sign = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            sign[i] = 1 - 2 * y[i];
        }
    }

    /** The Gaussian expectations of this likelihood ({@link LogisticExpectations}) on the same columns. */
    LogisticExpectations expectations() {
        return new LogisticExpectations(columns, sign);
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
            ColumnKernels.symmetricFromLower(lower, k, negativeHessian);
        }
        return value;
    }

    /**
     * {@code scale} · Σ_{n ∈ rows} [y_n η_n − softplus(η_n)] at K points θ_p, the rows of
     * {@code points} (K × d as in {@link #logLikelihoods}), into {@code values[0..K)}; the scaled
     * gradients {@code scale} · Σ_{n ∈ rows} (y_n − σ(η_n)) z_n into {@code gradients} (K × d) when
     * it is not null. The rows are summed in the order given (a minibatch: one pass per point).
     */
    void subsample(double[] points, int k, boolean withIntercept, int[] rows, double scale, double[] values,
            double[] gradients) {
        int off = withIntercept ? 1 : 0;
        int dd = d + off;
        double[] coef = new double[d];
        for (int p = 0; p < k; p++) {
            int base = p * dd;
            System.arraycopy(points, base + off, coef, 0, d);
            double alpha = withIntercept ? points[base] : 0;
            double sum = 0;
            double[] g = gradients == null ? null : new double[dd];
            for (int n : rows) {
                int o = n * d;
                double eta = alpha + dot(coef, o);
                double e = Math.exp(-Math.abs(eta));
                sum += y[n] * eta - Math.max(eta, 0) - Math.log(1 + e);
                if (g != null) {
                    double r = y[n] - (eta >= 0 ? 1 / (1 + e) : e / (1 + e));
                    if (withIntercept) {
                        g[0] += r;
                    }
                    for (int j = 0; j < d; j++) {
                        g[off + j] += r * x[o + j];
                    }
                }
            }
            values[p] = scale * sum;
            if (g != null) {
                for (int j = 0; j < dd; j++) {
                    gradients[base + j] = scale * g[j];
                }
            }
        }
    }

    /**
     * Σ_n [y_n η_n − softplus(η_n)] at K points θ_p, the rows of {@code points} (K × d with
     * d = D + 1 and θ = [α, β] {@code withIntercept}, d = D and θ = β otherwise), into
     * {@code values[0..K)}; the gradients Σ_n (y_n − σ(η_n)) z_n into {@code gradients} (K × d)
     * when it is not null. Safe to call from several threads at once.
     *
     * <p>Implementation note: the rows are taken in blocks of {@link #BLOCK}, the points in groups
     * (two with gradients, {@link #GROUP} without), and for each block and point of a group:
     * η by column-wise multiply-adds, e = e^{−|η|}, the residuals y − σ(η), then one pass summing
     * −max(s η, 0) = y η − max(η, 0) and multiplying the factors 1 + e, whose log (one per half
     * block) replaces a log per row; with gradients, each block then adds the dot products of the
     * group's residuals with every column. Every loop indexes all its arrays by the same row
     * index n, so that C2 can vectorize the η loops (it cannot prove separate arrays apart
     * otherwise). The code is plain Java: Vector API code runs about 100 times slower until C2
     * has compiled it, and with K = 2 calls that warm-up took longer than all of them. Only IEEE
     * operations (+, −, ×, ÷, abs, min, max, bit moves) and {@link Math#log}, in a fixed order:
     * the result is the same interpreted or compiled, and on every call.
     */
    void logLikelihoods(double[] points, int k, boolean withIntercept, double[] values, double[] gradients) {
        int n = y.length;
        int off = withIntercept ? 1 : 0;
        int dd = d + off;
        boolean grad = gradients != null;
        int group = grad ? 2 : GROUP;
        double[][] scratch = spare.getAndSet(null);
        if (scratch == null) {
            scratch = new double[5][n];
        }
        double[] eta = scratch[0];
        double[] e = scratch[1];
        double[] z = scratch[2];
        double[] sums = new double[group];
        double[] logs = new double[group];
        double[] block = new double[4];
        for (int p0 = 0; p0 < k; p0 += group) {
            int g = Math.min(group, k - p0);
            Arrays.fill(sums, 0);
            Arrays.fill(logs, 0);
            if (grad) {
                Arrays.fill(gradients, p0 * dd, (p0 + g) * dd, 0);
            }
            for (int n0 = 0; n0 < n; n0 += BLOCK) {
                int n1 = Math.min(n0 + BLOCK, n);
                for (int q = 0; q < g; q++) {
                    int base = (p0 + q) * dd;
                    linearPredictor(points, base, withIntercept, eta, n0, n1);
                    FastExp.negAbs(eta, e, z, n0, n1);
                    double[] r = grad ? scratch[3 + q] : null;
                    if (grad) {
                        residuals(eta, e, sign, r, n0, n1);
                    }
                    reduce(eta, e, sign, r, n0, n1, block);
                    sums[q] += block[0];
                    logs[q] += Math.log(block[1]) + Math.log(block[3]);
                    if (grad && withIntercept) {
                        gradients[base] += block[2];
                    }
                }
                if (grad) {
                    gradientBlock(scratch[3], g == 2 ? scratch[4] : null, gradients, p0 * dd + off, dd, n0, n1, block);
                }
            }
            for (int q = 0; q < g; q++) {
                values[p0 + q] = sums[q] - logs[q];
            }
        }
        spare.set(scratch);
    }

    /** η_n = α + β·x_n for n in [n0, n1), θ at {@code base} in {@code points} (α first if any). */
    private void linearPredictor(double[] points, int base, boolean withIntercept, double[] eta, int n0, int n1) {
        double alpha = withIntercept ? points[base] : 0;
        int c = base + (withIntercept ? 1 : 0);
        int j = d % 4 == 0 ? 4 : d % 4;
        switch (j) {
            case 1 -> ColumnKernels.init1(eta, alpha, points[c], columns[0], n0, n1);
            case 2 -> ColumnKernels.init2(eta, alpha, points[c], columns[0], points[c + 1], columns[1], n0, n1);
            case 3 -> ColumnKernels.init3(eta, alpha, points[c], columns[0], points[c + 1], columns[1],
                    points[c + 2], columns[2], n0, n1);
            default -> ColumnKernels.init4(eta, alpha, points[c], columns[0], points[c + 1], columns[1],
                    points[c + 2], columns[2], points[c + 3], columns[3], n0, n1);
        }
        for (; j < d; j += 4) {
            ColumnKernels.add4(eta, points[c + j], columns[j], points[c + j + 1], columns[j + 1], points[c + j + 2],
                    columns[j + 2], points[c + j + 3], columns[j + 3], n0, n1);
        }
    }


    /**
     * {@code r[n] = y_n − σ(η_n) = −s σ(s η)} with σ(w) = (w &gt; 0 ? 1 : e)/(1 + e), e = e^{−|η|}:
     * accurate for either sign of η (no 1 − σ cancellation). The selection is written as
     * max(e, min(max(w·2^1000, 0), 1)): 1 for w ≥ 2^−1000, e for w ≤ 0, and in between (where e
     * rounds to 1) either, so that the loop has no branch.
     */
    private static void residuals(double[] eta, double[] e, double[] sign, double[] r, int n0, int n1) {
        for (int n = n0; n < n1; n++) {
            double s = sign[n];
            double en = e[n];
            double step = Math.min(Math.max(s * eta[n] * 0x1p1000, 0.0), 1.0);
            r[n] = Math.max(en, step) / (-s * (1 + en));
        }
    }

    /**
     * Over [n0, n1), into {@code out}: [0] Σ −max(s η, 0) = Σ [y η − max(η, 0)] (computed as
     * −(s η + |η|)/2, which is exact); [1] and [3] the products of the factors 1 + e^{−|η|} ∈ [1, 2]
     * over two halves of the rows (each below 2^{(n1 − n0)/2}, so finite for blocks up to 2000 rows);
     * [2] Σ r when r is not null. Four interleaved partial sums and products.
     */
    private static void reduce(double[] eta, double[] e, double[] sign, double[] r, int n0, int n1, double[] out) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double p0 = 1;
        double p1 = 1;
        double p2 = 1;
        double p3 = 1;
        double r0 = 0;
        double r1 = 0;
        double r2 = 0;
        double r3 = 0;
        boolean residuals = r != null;
        int n = n0;
        for (; n + 3 < n1; n += 4) {
            double h0 = eta[n];
            double h1 = eta[n + 1];
            double h2 = eta[n + 2];
            double h3 = eta[n + 3];
            s0 -= 0.5 * (sign[n] * h0 + Math.abs(h0));
            s1 -= 0.5 * (sign[n + 1] * h1 + Math.abs(h1));
            s2 -= 0.5 * (sign[n + 2] * h2 + Math.abs(h2));
            s3 -= 0.5 * (sign[n + 3] * h3 + Math.abs(h3));
            p0 *= 1 + e[n];
            p1 *= 1 + e[n + 1];
            p2 *= 1 + e[n + 2];
            p3 *= 1 + e[n + 3];
            if (residuals) {
                r0 += r[n];
                r1 += r[n + 1];
                r2 += r[n + 2];
                r3 += r[n + 3];
            }
        }
        for (; n < n1; n++) {
            double h = eta[n];
            s0 -= 0.5 * (sign[n] * h + Math.abs(h));
            p0 *= 1 + e[n];
            if (residuals) {
                r0 += r[n];
            }
        }
        out[0] = (s0 + s1) + (s2 + s3);
        out[1] = p0 * p1;
        out[2] = (r0 + r1) + (r2 + r3);
        out[3] = p2 * p3;
    }

    /**
     * Adds Σ_{n ∈ [n0, n1)} ra_n x_nj to {@code gradients[ga + j]} for every column j, and the same
     * with {@code rb} to {@code gradients[ga + dd + j]} when rb is not null: two columns at a
     * time, so that each loaded value serves two (or four) sums. {@code out} is scratch (length 4).
     */
    private void gradientBlock(double[] ra, double[] rb, double[] gradients, int ga, int dd, int n0, int n1,
            double[] out) {
        int j = 0;
        if (rb != null) {
            for (; j + 1 < d; j += 2) {
                ColumnKernels.dot22(columns[j], columns[j + 1], ra, rb, n0, n1, out);
                gradients[ga + j] += out[0];
                gradients[ga + j + 1] += out[1];
                gradients[ga + dd + j] += out[2];
                gradients[ga + dd + j + 1] += out[3];
            }
            if (j < d) {
                ColumnKernels.dot21(columns[j], ra, rb, n0, n1, out);
                gradients[ga + j] += out[0];
                gradients[ga + dd + j] += out[1];
            }
        } else {
            for (; j + 1 < d; j += 2) {
                ColumnKernels.dot21(ra, columns[j], columns[j + 1], n0, n1, out);
                gradients[ga + j] += out[0];
                gradients[ga + j + 1] += out[1];
            }
            if (j < d) {
                gradients[ga + j] += ColumnKernels.dot(columns[j], ra, n0, n1);
            }
        }
    }

}
