package org.elbo4j.ppca;

import org.elbo4j.bayes.DenseCholesky;
import org.elbo4j.linalg.Covariance;

/**
 * The evidence lower bound of probabilistic PCA for a fixed variational distribution: q(z_n) is the
 * exact posterior under parameters (W₀, σ₀²) (Tipping &amp; Bishop 1999, eq. 6),
 *
 * <pre>  q(z_n) = N(A x̃_n, Σ),   A = M₀⁻¹ W₀ᵀ,   Σ = σ₀² M₀⁻¹,   M₀ = W₀ᵀW₀ + σ₀² I,   x̃_n = x_n − x̄,</pre>
 *
 * and the bound is evaluated at any parameters (W, σ², μ = x̄):
 *
 * <pre>  ELBO = Σ_n E_q[log p(x_n | z_n) + log p(z_n) − log q(z_n)]
 *       = n { −(d/2) log(2πσ²) − [tr S − 2 tr(W A S) + tr(WᵀW (Σ + A S Aᵀ))] / (2σ²)
 *             − [tr Σ + tr(A S Aᵀ)] / 2 + q/2 + (1/2) log|Σ| }</pre>
 *
 * (THEORY.md §6: EM is VI with q(z) the exact posterior). ELBO ≤ L(W, σ²) for every (W, σ²), with
 * equality at (W₀, σ₀²). {@link #maximiser()} is the M-step of EM (Tipping &amp; Bishop eq. 29–30,
 * Roweis 1998): the (W, σ²) maximising this bound,
 *
 * <pre>  E = Σ + A S Aᵀ,   W = S Aᵀ E⁻¹,   σ² = (tr S − tr(E⁻¹ (S Aᵀ)ᵀ (S Aᵀ))) / d.</pre>
 */
public final class PpcaElbo {

    private final int count;
    private final double traceS;
    /** B = S Aᵀ = S W₀ M₀⁻¹, d×q. */
    private final double[][] b;
    /** A S Aᵀ, q×q. */
    private final double[][] asa;
    /** Σ = σ₀² M₀⁻¹, q×q. */
    private final double[][] sigma;
    private final double logDetSigma;

    private PpcaElbo(int count, double traceS, double[][] b, double[][] asa, double[][] sigma, double logDetSigma) {
        this.count = count;
        this.traceS = traceS;
        this.b = b;
        this.asa = asa;
        this.sigma = sigma;
        this.logDetSigma = logDetSigma;
    }

    /** q(z_n) = p(z_n | x_n) under {@code current} (whose mean must be the data mean, as in every fit). */
    public static PpcaElbo posterior(Covariance data, PpcaModel current) {
        double[][] w = current.loadings();
        return posterior(data.count(), data.trace(), w, Moments.times(data.matrix(), w), current.noiseVariance());
    }

    /** As {@link #posterior(Covariance, PpcaModel)} from tr S, W₀, S W₀ and σ₀². */
    static PpcaElbo posterior(int n, double traceS, double[][] w0, double[][] sw0, double sigma20) {
        int q = w0[0].length;
        DenseCholesky m0 = DenseCholesky.of(Moments.innerPlusNoise(w0, sigma20));
        double[][] m0inv = m0.inverse();
        double[][] b = Moments.multiply(sw0, m0inv);
        double[][] g0 = Moments.transposeTimes(w0, sw0);
        double[][] asa = Moments.multiply(Moments.multiply(m0inv, g0), m0inv);
        double[][] sigma = new double[q][q];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                sigma[i][j] = sigma20 * m0inv[i][j];
            }
        }
        double logDetSigma = q * Math.log(sigma20) - m0.logDet();
        return new PpcaElbo(n, traceS, b, asa, sigma, logDetSigma);
    }

    /** The ELBO at loadings W (d×q) and noise variance σ² (formula above). */
    public double at(double[][] w, double sigma2) {
        int d = b.length;
        int q = sigma.length;
        double[][] e = secondMoment();
        double fit = traceS - 2 * Moments.frobeniusDot(w, b) + Moments.frobeniusDot(Moments.transposeTimes(w, w), e);
        double perPoint = -0.5 * d * Math.log(2 * Math.PI * sigma2) - fit / (2 * sigma2)
                - 0.5 * (Moments.trace(sigma) + Moments.trace(asa)) + 0.5 * q + 0.5 * logDetSigma;
        return count * perPoint;
    }

    /** The ELBO at a model's (W, σ²). */
    public double at(PpcaModel model) {
        return at(model.loadings(), model.noiseVariance());
    }

    /** E = Σ + A S Aᵀ = (1/n) Σ_n E_q[z_n z_nᵀ]. */
    private double[][] secondMoment() {
        int q = sigma.length;
        double[][] e = new double[q][q];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                e[i][j] = sigma[i][j] + asa[i][j];
            }
        }
        return e;
    }

    /** Loadings W (d×q) and noise variance σ². */
    record Parameters(double[][] w, double sigma2) {
    }

    /** The M-step: the loadings and noise variance that maximise this bound. */
    Parameters maximiser() {
        int d = b.length;
        double[][] einv = DenseCholesky.of(secondMoment()).inverse();
        double[][] w = Moments.multiply(b, einv);
        return new Parameters(w, (traceS - Moments.frobeniusDot(w, b)) / d);
    }
}
