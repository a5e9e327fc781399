package org.elbo4j.ppca;

import org.elbo4j.bayes.DenseCholesky;
import org.elbo4j.linalg.Covariance;

/**
 * The parameters (μ, W, σ²) of probabilistic PCA (Tipping &amp; Bishop 1999, eq. 2–6): d-dimensional
 * points x = W z + μ + ε with z ~ N(0, I_q), ε ~ N(0, σ² I_d), whose marginal is N(μ, C) with
 * C = W Wᵀ + σ² I. The exact log-likelihood of n points with sample mean x̄ and covariance S
 * (denominator n) is
 *
 * <pre>  L = −(n/2) [d log 2π + log|C| + tr(C⁻¹ S̃)],   S̃ = S + (x̄ − μ)(x̄ − μ)ᵀ,</pre>
 *
 * computed without forming C (d×d) through the q×q matrix M = WᵀW + σ² I (the matrix determinant
 * lemma and the Woodbury identity):
 *
 * <pre>  log|C| = (d − q) log σ² + log|M|,   tr(C⁻¹ S̃) = (tr S̃ − tr(M⁻¹ Wᵀ S̃ W)) / σ².</pre>
 */
public final class PpcaModel {

    private final double[] mean;
    private final double[][] loadings;
    private final double noiseVariance;

    private PpcaModel(double[] mean, double[][] loadings, double noiseVariance) {
        this.mean = mean;
        this.loadings = loadings;
        this.noiseVariance = noiseVariance;
    }

    /**
     * The model with mean μ (length d), loadings W (d×q, 1 ≤ q ≤ d) and noise variance σ² &gt; 0.
     *
     * @throws IllegalArgumentException if a shape disagrees or a value is not finite or σ² ≤ 0
     */
    public static PpcaModel of(double[] mean, double[][] loadings, double noiseVariance) {
        int d = mean.length;
        if (d < 1 || loadings.length != d) {
            throw new IllegalArgumentException("PpcaModel: loadings must have d = " + d + " rows (d >= 1), got "
                    + loadings.length);
        }
        int q = loadings[0].length;
        if (q < 1 || q > d) {
            throw new IllegalArgumentException("PpcaModel: loadings must have q columns with 1 <= q <= d = " + d
                    + ", got " + q);
        }
        double[][] w = new double[d][];
        for (int i = 0; i < d; i++) {
            if (loadings[i].length != q) {
                throw new IllegalArgumentException("PpcaModel: every row of loadings must have q = " + q
                        + " entries, row " + i + " has " + loadings[i].length);
            }
            w[i] = loadings[i].clone();
            for (int j = 0; j < q; j++) {
                requireFinite("loadings[" + i + "][" + j + "]", w[i][j]);
            }
            requireFinite("mean[" + i + "]", mean[i]);
        }
        if (!(noiseVariance > 0) || Double.isInfinite(noiseVariance)) {
            throw new IllegalArgumentException("PpcaModel: noiseVariance must be finite and > 0, got " + noiseVariance);
        }
        return new PpcaModel(mean.clone(), w, noiseVariance);
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("PpcaModel: " + name + " must be finite, got " + value);
        }
    }

    /** The exact log-likelihood L of the points summarised by {@code data} (formula above). */
    public double logLikelihood(Covariance data) {
        int d = mean.length;
        if (data.dimension() != d) {
            throw new IllegalArgumentException("PpcaModel: data has dimension " + data.dimension()
                    + ", the model " + d);
        }
        double[][] s = data.matrix();
        double[] xbar = data.mean();
        double[] delta = new double[d];
        for (int i = 0; i < d; i++) {
            delta[i] = xbar[i] - mean[i];
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                s[i][j] += delta[i] * delta[j];
            }
        }
        return logLikelihood(data.count(), Moments.trace(s), loadings, Moments.times(s, loadings), noiseVariance);
    }

    /** L for μ = x̄, from tr S, W, S W and σ² (the form EM uses). */
    static double logLikelihood(int n, double traceS, double[][] w, double[][] sw, double sigma2) {
        int d = w.length;
        int q = w[0].length;
        DenseCholesky m = DenseCholesky.of(Moments.innerPlusNoise(w, sigma2));
        double[][] g = Moments.transposeTimes(w, sw);
        double traceMinvG = Moments.frobeniusDot(m.inverse(), g);
        double logDetC = (d - q) * Math.log(sigma2) + m.logDet();
        double traceCinvS = (traceS - traceMinvG) / sigma2;
        return -0.5 * n * (d * Math.log(2 * Math.PI) + logDetC + traceCinvS);
    }

    /** The marginal covariance C = W Wᵀ + σ² I (a new d×d array). */
    public double[][] marginalCovariance() {
        int d = mean.length;
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = i == j ? noiseVariance : 0;
                for (int k = 0; k < loadings[i].length; k++) {
                    s += loadings[i][k] * loadings[j][k];
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    /** μ (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** W, d×q (a copy). */
    public double[][] loadings() {
        double[][] w = new double[loadings.length][];
        for (int i = 0; i < w.length; i++) {
            w[i] = loadings[i].clone();
        }
        return w;
    }

    /** σ². */
    public double noiseVariance() {
        return noiseVariance;
    }

    /** d. */
    public int dimension() {
        return mean.length;
    }

    /** q. */
    public int latentDimension() {
        return loadings[0].length;
    }
}
