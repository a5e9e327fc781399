package org.elbo4j.infer;

import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.dist.Normal;
import org.elbo4j.tensor.Tensor;

/**
 * The linear-Gaussian latent model z ~ N(0, I_d), x | z ~ N(W z + b, σ² I_D), with everything in
 * closed form (in double):
 * <pre>
 *   p(x) = N(x; b, W Wᵀ + σ² I)
 *   p(z | x) = N(μ, Σ),  Σ = (I + WᵀW/σ²)⁻¹,  μ = Σ Wᵀ(x − b)/σ²
 *   for q = N(m, diag s²):
 *   ELBO(m, s) = −D/2 log 2πσ² − (‖x − b − Wm‖² + Σ_j s_j² ‖W_j‖²)/(2σ²)
 *                − d/2 log 2π − (‖m‖² + Σ_j s_j²)/2 + Σ_j log s_j + d/2 (1 + log 2π)
 *   ∂ELBO/∂m = Wᵀ(x − b − Wm)/σ² − m,   ∂ELBO/∂s_j = −s_j ‖W_j‖²/σ² − s_j + 1/s_j
 * </pre>
 * ({@code W_j} the j-th column). Tensors: x of shape {@code batch ++ [D]}, z of shape
 * {@code [L] ++ batch ++ [d]}.
 */
final class LinearGaussian implements LikelihoodModel {

    static final double[][] W = {{1.0, -0.5}, {0.3, 0.8}, {-0.7, 0.4}};
    static final double[] B = {0.2, -0.1, 0.5};
    static final double SIGMA = 0.6;
    static final double[] X = {1.1, 0.4, -0.9};

    final int dataDim = W.length;
    final int latentDim = W[0].length;
    private final Tensor wT;
    private final Tensor bias;
    private final Distribution prior;

    private LinearGaussian(Distribution prior, Tensor bias) {
        this.bias = bias;
        double[][] t = new double[latentDim][dataDim];
        for (int i = 0; i < dataDim; i++) {
            for (int j = 0; j < latentDim; j++) {
                t[j][i] = W[i][j];
            }
        }
        this.wT = Tensor.matrix(t);
        this.prior = prior;
    }

    /** With the prior N(0, I) as a MultivariateNormal (analytic KL against MVN guides). */
    static LinearGaussian mvnPrior() {
        return new LinearGaussian(MultivariateNormal.ofCovariance(new double[2], identity(2)), Tensor.vector(B));
    }

    /** With the prior N(0, I) as Independent(Normal) (analytic KL against diagonal guides). */
    static LinearGaussian diagonalPrior() {
        return diagonalPrior(Tensor.vector(B));
    }

    /** With a given bias tensor b (a model parameter θ when it requires gradients). */
    static LinearGaussian diagonalPrior(Tensor bias) {
        return new LinearGaussian(Independent.of(Normal.of(Tensor.zeros(2), Tensor.ones(2)), 1), bias);
    }

    @Override
    public Distribution prior() {
        return prior;
    }

    @Override
    public Tensor logLikelihood(Tensor x, Tensor z) {
        int[] zs = z.shape();
        int rows = z.size() / latentDim;
        int[] meanShape = zs.clone();
        meanShape[meanShape.length - 1] = dataDim;
        Tensor mean = z.reshape(rows, latentDim).matmul(wT).add(bias).reshape(meanShape);
        return Independent.of(Normal.of(mean, Tensor.full(SIGMA, meanShape)), 1).logProb(x);
    }

    static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    /** log p(x) for the observation x. */
    static double logEvidence(double[] x) {
        int n = W.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < W[0].length; j++) {
                    c[i][k] += W[i][j] * W[k][j];
                }
            }
            c[i][i] += SIGMA * SIGMA;
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = x[i] - B[i];
        }
        double[][] inv = inverse(c);
        double quad = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                quad += r[i] * inv[i][k] * r[k];
            }
        }
        return -0.5 * n * Math.log(2 * Math.PI) - 0.5 * Math.log(det(c)) - 0.5 * quad;
    }

    /** Σ = (I + WᵀW/σ²)⁻¹. */
    static double[][] posteriorCovariance() {
        return inverse(posteriorPrecision());
    }

    static double[][] posteriorPrecision() {
        int d = W[0].length;
        double[][] p = identity(d);
        for (int a = 0; a < d; a++) {
            for (int c = 0; c < d; c++) {
                for (int i = 0; i < W.length; i++) {
                    p[a][c] += W[i][a] * W[i][c] / (SIGMA * SIGMA);
                }
            }
        }
        return p;
    }

    /** μ = Σ Wᵀ(x − b)/σ². */
    static double[] posteriorMean(double[] x) {
        int d = W[0].length;
        double[][] cov = posteriorCovariance();
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < W.length; i++) {
                v[j] += W[i][j] * (x[i] - B[i]) / (SIGMA * SIGMA);
            }
        }
        double[] mu = new double[d];
        for (int a = 0; a < d; a++) {
            for (int c = 0; c < d; c++) {
                mu[a] += cov[a][c] * v[c];
            }
        }
        return mu;
    }

    /** The exact ELBO of q = N(m, diag s²). */
    static double exactElbo(double[] x, double[] m, double[] s) {
        int d = m.length;
        int n = W.length;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double r = x[i] - B[i];
            for (int j = 0; j < d; j++) {
                r -= W[i][j] * m[j];
            }
            sq += r * r;
        }
        double value = -0.5 * n * Math.log(2 * Math.PI * SIGMA * SIGMA) - 0.5 * d * Math.log(2 * Math.PI)
                + 0.5 * d * (1 + Math.log(2 * Math.PI));
        for (int j = 0; j < d; j++) {
            sq += s[j] * s[j] * columnNormSq(j);
            value += -0.5 * (m[j] * m[j] + s[j] * s[j]) + Math.log(s[j]);
        }
        return value - sq / (2 * SIGMA * SIGMA);
    }

    /** (∂ELBO/∂m, ∂ELBO/∂s) of q = N(m, diag s²), concatenated. */
    static double[] exactElboGradient(double[] x, double[] m, double[] s) {
        int d = m.length;
        double[] g = new double[2 * d];
        for (int i = 0; i < W.length; i++) {
            double r = x[i] - B[i];
            for (int j = 0; j < d; j++) {
                r -= W[i][j] * m[j];
            }
            for (int j = 0; j < d; j++) {
                g[j] += W[i][j] * r / (SIGMA * SIGMA);
            }
        }
        for (int j = 0; j < d; j++) {
            g[j] -= m[j];
            g[d + j] = -s[j] * columnNormSq(j) / (SIGMA * SIGMA) - s[j] + 1 / s[j];
        }
        return g;
    }

    private static double columnNormSq(int j) {
        double c = 0;
        for (double[] row : W) {
            c += row[j] * row[j];
        }
        return c;
    }

    static double det(double[][] a) {
        double[][] l = cholesky(a);
        double d = 1;
        for (int i = 0; i < a.length; i++) {
            d *= l[i][i] * l[i][i];
        }
        return d;
    }

    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        return l;
    }

    /** Gauss–Jordan inverse of a small symmetric positive-definite matrix. */
    static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            double p = m[c][c];
            for (int k = 0; k < 2 * n; k++) {
                m[c][k] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c];
                    for (int k = 0; k < 2 * n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }
}
