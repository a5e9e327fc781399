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
 * between calls, a scratch area of 6 × N doubles (10 × N with gradients); the loops are
 * {@link PredictorKernel} (η), {@link SoftplusSums} and {@link ColumnKernels} (gradients).
 * {@link #curvature} (Newton's gradient and Hessian) uses {@link PredictorKernel} and {@link GramKernel}.
 */
final class LogisticLikelihood {

    /**
     * Rows per block of {@link #logLikelihoods}: the block packed column-major (D · 0.94 KiB) stays
     * in L2 while every point uses it, and the tile of rows being used in L1; 120 rows are whole
     * predictor tiles of 24, 12 or 6 rows and whole groups of 8 rows for {@link SoftplusSums}.
     */
    private static final int BLOCK = 120;
    /**
     * Rows per block of {@link #curvature}: the packed block (2 × 96 × kp doubles) stays in L2;
     * 96 rows are whole predictor tiles of 24, 12 or 6 rows.
     */
    private static final int GRAM_BLOCK = 96;

    private final double[] x;
    private final double[] y;
    private final int d;
    /** The columns of x (D arrays of length N), for {@link #logLikelihoods}. */
    private final double[][] columns;
    /** s_n = 1 − 2 y_n ∈ {1, −1}. */
    private final double[] sign;
    /** The scratch rows of {@link #logLikelihoods} (6 or 10 × N), kept between calls; a call takes or allocates them. */
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
     *
     * <p>Implementation note: rows in blocks of {@value #GRAM_BLOCK}; per block η by
     * {@link PredictorKernel} (a chain of fused multiply-adds over the columns), the value term per
     * row, then the block packed row-major and the gradient and the lower triangle of the Hessian
     * added by {@link GramKernel} (register tiles; each entry one fused multiply-add chain over
     * the rows in order). The same bits on every call, at every vector width and without the
     * Vector API.
     */
    double curvature(double[] theta, boolean withIntercept, double[] gradient, double[][] negativeHessian) {
        int off = withIntercept ? 1 : 0;
        int k = d + off;
        int n = y.length;
        boolean gram = gradient != null || negativeHessian != null;
        int kp = GramKernel.stride(k);
        double[] a = new double[PredictorKernel.POINTS * d];
        for (int j = 0; j < d; j++) {
            a[PredictorKernel.POINTS * j] = theta[off + j];
        }
        double[] c = {withIntercept ? theta[0] : 0, 0, 0, 0};
        double[][] eta = new double[PredictorKernel.POINTS][GRAM_BLOCK];
        double[] xb = new double[d * GRAM_BLOCK];
        double[] z = gram ? new double[GRAM_BLOCK * kp] : null;
        double[] u = gram ? new double[GRAM_BLOCK * kp] : null;
        double[] h = gram ? new double[kp * kp] : null;
        int aFrom = negativeHessian == null ? GramKernel.gradientTile(k) : 0;
        int aTo = GramKernel.gradientTile(k) + GramKernel.TILE_ROWS;
        boolean vector = GramKernel.vector(n, kp);
        double value = 0;
        for (int n0 = 0; n0 < n; n0 += GRAM_BLOCK) {
            int len = Math.min(GRAM_BLOCK, n - n0);
            PredictorKernel.pack(columns, n0, len, xb, GRAM_BLOCK);
            PredictorKernel.predict(vector, a, c, xb, GRAM_BLOCK, d, 0, len, eta, 0, 1);
            double[] et = eta[0];
            for (int i = 0; i < len; i++) {
                double v = et[i];
                double e = Math.exp(-Math.abs(v));
                value += y[n0 + i] * v - Math.max(v, 0) - Math.log(1 + e);
                if (gram) {
                    double sigma = v >= 0 ? 1 / (1 + e) : e / (1 + e);
                    GramKernel.packRow(z, u, i * kp, x, (n0 + i) * d, d, off, sigma * (1 - sigma),
                            y[n0 + i] - sigma);
                }
            }
            if (gram) {
                GramKernel.accumulate(vector, h, kp, z, u, len, aFrom, aTo);
            }
        }
        if (gram) {
            GramKernel.unpack(h, kp, k, gradient, negativeHessian);
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
     * <p>Implementation note: the rows are taken in blocks of {@link #BLOCK}, packed column-major,
     * and for each block every point, four at a time: η_pn = α_p + Σ_j β_pj x_nj by
     * {@link PredictorKernel} (a GEMM of register tiles, each η one fused multiply-add chain over j),
     * e = e^{−|η|}, the residuals y − σ(η) (with gradients), then one pass summing
     * −max(s η, 0) = y η − max(η, 0) and multiplying the factors 1 + e, whose log (one per half
     * block) replaces a log per row ({@link SoftplusSums}, in one Vector API pass without gradients);
     * with gradients, the dot products of each pair of points' residuals with every column. Only
     * IEEE operations (+, −, ×, ÷, fused multiply-add, abs, min, max, bit moves) and
     * {@link Math#log}, in a fixed order: the result is the same on every call, at every vector
     * width and without the Vector API (small blocks take the scalar loops, which compile fast).
     */
    void logLikelihoods(double[] points, int k, boolean withIntercept, double[] values, double[] gradients) {
        int n = y.length;
        int off = withIntercept ? 1 : 0;
        int dd = d + off;
        boolean grad = gradients != null;
        int tile = PredictorKernel.POINTS;
        // rows: η of four points, e, z, then the residuals of four points (with gradients only)
        int rows = grad ? 2 * tile + 2 : tile + 2;
        double[][] scratch = spare.getAndSet(null);
        if (scratch == null || scratch.length < rows) {
            scratch = new double[rows][n];
        }
        double[][] eta = {scratch[0], scratch[1], scratch[2], scratch[3]};
        double[] e = scratch[tile];
        double[] z = scratch[tile + 1];
        double[] sums = new double[k];
        double[] logs = new double[k];
        double[] block = new double[4];
        double[] slots = new double[2 * SoftplusSums.SLOTS];
        double[] xb = new double[d * BLOCK];
        int tiles = (k + tile - 1) / tile;
        boolean vector = PredictorKernel.vector((long) n * k * d);
        double[][] coef = new double[tiles][tile * d];
        double[][] start = new double[tiles][tile];
        for (int t = 0; t < tiles; t++) {
            for (int q = 0; q < tile && t * tile + q < k; q++) {
                int base = (t * tile + q) * dd;
                start[t][q] = withIntercept ? points[base] : 0;
                for (int j = 0; j < d; j++) {
                    coef[t][tile * j + q] = points[base + off + j];
                }
            }
        }
        if (grad) {
            Arrays.fill(gradients, 0, k * dd, 0);
        }
        for (int n0 = 0; n0 < n; n0 += BLOCK) {
            int n1 = Math.min(n0 + BLOCK, n);
            PredictorKernel.pack(columns, n0, n1 - n0, xb, BLOCK);
            for (int t = 0; t < tiles; t++) {
                PredictorKernel.predict(vector, coef[t], start[t], xb, BLOCK, d, 0, n1 - n0, eta, n0, tile);
                int g = Math.min(tile, k - t * tile);
                for (int q = 0; q < g; q++) {
                    int p = t * tile + q;
                    if (grad) {
                        double[] r = scratch[tile + 2 + q];
                        FastExp.negAbs(eta[q], e, z, n0, n1);
                        residuals(eta[q], e, sign, r, n0, n1);
                        SoftplusSums.withResiduals(eta[q], e, sign, r, n0, n1, block);
                    } else {
                        SoftplusSums.values(vector, eta[q], sign, e, z, n0, n1, slots, block);
                    }
                    sums[p] += block[0];
                    logs[p] += Math.log(block[1]) + Math.log(block[3]);
                    if (grad && withIntercept) {
                        gradients[p * dd] += block[2];
                    }
                }
                for (int q = 0; grad && q < g; q += 2) {
                    gradientBlock(scratch[tile + 2 + q], q + 1 < g ? scratch[tile + 2 + q + 1] : null, gradients,
                            (t * tile + q) * dd + off, dd, n0, n1, block);
                }
            }
        }
        for (int p = 0; p < k; p++) {
            values[p] = sums[p] - logs[p];
        }
        spare.set(scratch);
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
